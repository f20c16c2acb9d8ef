/** Which actions and resources a statement covers, with Not* blocks and wildcards read the way IAM reads them. */
import { globContains, globMatches, globsOverlap } from './iam-patterns';
import { isUnresolved, PatternBlock } from './policy-statements';

/** Does the block certainly cover `action`? Unresolved patterns prove nothing. */
export function coversAction(block: PatternBlock | undefined, action: string): boolean {
  if (!block) return false;
  if (!block.not) return block.values.some((v) => !isUnresolved(v) && globMatches(v, action, true));
  if (block.values.some(isUnresolved)) return false;
  return !block.values.some((v) => globMatches(v as string, action, true));
}

/** Could the block cover `action` (the widest reading of unresolved patterns)? */
export function mayCoverAction(block: PatternBlock | undefined, action: string): boolean {
  if (!block) return false;
  if (!block.not) return block.values.some((v) => isUnresolved(v) || globMatches(v, action, true));
  return !block.values.some((v) => !isUnresolved(v) && globMatches(v, action, true));
}

/**
 * Does the block certainly cover every resource `target` stands for (`arn:aws:s3:::b/*` = every object)?
 * NotResource covers the target only when none of its patterns could match any of the target's resources.
 */
export function coversResource(block: PatternBlock | undefined, target: string): boolean {
  if (!block) return false;
  if (!block.not) return block.values.some((v) => !isUnresolved(v) && globContains(v, target));
  if (block.values.some(isUnresolved)) return false;
  return !block.values.some((v) => globsOverlap(v as string, target));
}
