import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import { CsvColumn, toCsv } from '@dora-metrics/plugin-dora-common';
import { useState } from 'react';
import { CSV_TYPE, downloadFileName, saveTextFile } from './saveFile';

/** The rows a download writes, and a line saying what they are (e.g. when capped). */
export interface CsvRows<T> {
  rows: T[];
  note?: string;
}

export interface DownloadCsvButtonProps<T> {
  /** What the table lists, for the label and the file name: "services". */
  what: string;
  /** Narrows the file name: the team, the scorecard. */
  subject?: string;
  columns: CsvColumn<T>[];
  /**
   * Every row of the table (not only the page shown), or a way to load them
   * on click (the drill-down's pages): nothing is asked for before.
   */
  rows: T[] | (() => Promise<CsvRows<T>>);
  /** Said next to the button, before a click (e.g. a cap). */
  hint?: string;
}

/**
 * "Download CSV": the table's rows written in the browser with the same CSV
 * writer as the backend, saved as `dora-<what>-<subject>-<day>.csv`.
 */
export function DownloadCsvButton<T>(props: DownloadCsvButtonProps<T>) {
  const { what, subject, columns, rows, hint } = props;
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();

  const download = async () => {
    setBusy(true);
    setError(undefined);
    setMessage(undefined);
    try {
      const loaded = Array.isArray(rows) ? { rows } : await rows();
      saveTextFile(
        toCsv(columns, loaded.rows),
        downloadFileName([what, ...(subject ? [subject] : [])], 'csv'),
        CSV_TYPE,
      );
      setMessage(loaded.note);
    } catch (e) {
      setError(`Download failed: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
      <Button
        size="small"
        startIcon={<GetAppIcon />}
        onClick={download}
        disabled={busy}
        aria-label={`Download ${what} as CSV`}
      >
        {busy ? 'Preparing CSV…' : 'Download CSV'}
      </Button>
      {hint && !message && !error && (
        <Typography variant="caption" color="textSecondary">
          {hint}
        </Typography>
      )}
      {message && (
        <Typography variant="caption" role="status">
          {message}
        </Typography>
      )}
      {error && (
        <Typography variant="caption" color="error" role="alert">
          {error}
        </Typography>
      )}
    </Box>
  );
}
