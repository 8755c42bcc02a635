export * from './signalState';
export * from './observations';
export * from './messages';
export * from './reviewHeadsUp';
export { doraTabPath } from './doraTabPath';
export * from './digest';
