import { TemplateScope } from './types';

/** Logical ids of a stack's resources per type, in template order: one walk of the stack, shared by every rule. */
const idsByType = new WeakMap<TemplateScope, Map<string, string[]>>();

/** The logical ids of the stack's resources of `type`, in template order (none for an undefined type). */
export function resourcesOfType(scope: TemplateScope, type: string | undefined): readonly string[] {
  let byType = idsByType.get(scope);
  if (!byType) {
    byType = new Map();
    // for...in rather than Object.entries: no pair arrays for thousands of resources.
    for (const id in scope.resources) {
      const t = scope.resources[id]?.Type;
      if (typeof t !== 'string') continue;
      const list = byType.get(t);
      if (list) list.push(id);
      else byType.set(t, [id]);
    }
    idsByType.set(scope, byType);
  }
  return (type !== undefined && byType.get(type)) || [];
}
