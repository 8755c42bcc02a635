import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  root: {
    overflowX: 'auto',
    maxWidth: '100%',
    // The first cell of each row stays in view while the rest scrolls
    // sideways, so a row on a phone still says whose it is.
    '& tr > *:first-child': {
      position: 'sticky',
      left: 0,
      zIndex: 1,
      minWidth: 128,
      backgroundColor: theme.palette.background.paper,
    },
    // Words stay whole: the table scrolls rather than breaking "Commerce".
    '& td, & th': { wordBreak: 'keep-all', overflowWrap: 'normal' },
  },
}));

/**
 * Makes the table inside scroll horizontally on narrow screens (390 px),
 * its first column sticky.
 */
export function ScrollTable(props: { children: ReactNode }) {
  const classes = useStyles();
  return (
    <div className={classes.root} data-testid="scroll-table">
      {props.children}
    </div>
  );
}
