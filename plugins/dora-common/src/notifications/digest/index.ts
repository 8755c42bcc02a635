export * from './digestWeek';
export * from './expiringExemptions';
export * from './weeklyDigest';
