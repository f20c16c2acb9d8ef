import { IConstruct } from 'constructs';

/** A construct prop that would weaken residency or encryption; the message names the construct path, prop and value. */
export class InvalidPropError extends Error {
  constructor(scope: IConstruct, message: string) {
    super(`${scope.node.path}: ${message}`);
    this.name = 'InvalidPropError';
  }
}
