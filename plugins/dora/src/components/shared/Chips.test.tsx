import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderDora } from '../../__testUtils__/render';
import { BandChip, StatusChip } from './Chips';

jest.setTimeout(30_000);

describe('BandChip', () => {
  it('names the band in text and lists its limits and report on hover', async () => {
    await renderDora(<BandChip band="high" metric="leadTime" />);
    const chip = screen.getByText('High');
    await userEvent.hover(chip);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'High. Elite: under 1 day; High: under 7 days; Medium: under 30 days; Low: 30 days or more. Bands from DORA 2023 report (Accelerate State of DevOps).',
    );
  });

  it('shows the same tooltip on keyboard focus', async () => {
    await renderDora(<BandChip band="elite" metric="changeFailureRate" />);
    const chip = screen.getByLabelText('Band: Elite');
    await userEvent.tab();
    expect(chip).toHaveFocus();
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Elite: up to 5 %; High: up to 10 %; Medium: up to 15 %; Low: over 15 %',
    );
  });

  it("says deployment frequency's limits are Metrik's cut points", async () => {
    await renderDora(<BandChip band="medium" metric="deploymentFrequency" />);
    await userEvent.hover(screen.getByText('Medium'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      "Medium: more than 1 a month; Low: 1 a month or less. Bands from Metrik's cut points",
    );
  });

  it('withholds a doubted band: "Not rated" in text, the reason on hover', async () => {
    await renderDora(
      <BandChip
        band="elite"
        metric="timeToRestore"
        notRated="2 incidents: too few to rate (rated from 5)"
      />,
    );
    expect(screen.queryByText('Elite')).not.toBeInTheDocument();
    await userEvent.hover(screen.getByText('Not rated'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Not rated: 2 incidents: too few to rate (rated from 5).',
    );
  });
});

describe('StatusChip', () => {
  it('names an exempt result Exempt, apart from pass and fail (issue 16)', async () => {
    await renderDora(<StatusChip status="exempt" />);
    expect(screen.getByText('Exempt')).toBeInTheDocument();
  });

  it("names an announced rule's result as what it would be, no data as such (issue 16)", async () => {
    await renderDora(
      <>
        <StatusChip status="pass" would />
        <StatusChip status="no-data" would />
      </>,
    );
    expect(screen.getByText('Would pass')).toBeInTheDocument();
    expect(screen.getByText('No data')).toBeInTheDocument();
  });
});
