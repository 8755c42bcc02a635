// The HTTP contract of `/api/dora/v1`: request and response types of every
// route, shared by the backend and the frontend client.
export * from './ingest';
export * from './metrics';
export * from './events';
export * from './scorecards';
export * from './exemptions';
export * from './preview';
export * from './initiatives';
export * from './movers';
export * from './environments';
