export * from './extensionPoint';
export * from './headers';
export * from './jsonBody';
export * from './secrets';
export * from './staleness';
