export * from './moverMetrics';
export * from './metricChange';
export * from './movers';
export * from './moversReport';
