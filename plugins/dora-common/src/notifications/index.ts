export * from './signalState';
export * from './observations';
export * from './messages';
export * from './reviewHeadsUp';
