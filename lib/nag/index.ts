export * from './CanadianResidencyChecks';
