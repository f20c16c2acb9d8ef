import type { ResidencyConfig } from '../config/schema';
import type { DeclaredDestination } from '../policy/options';

/**
 * The alert subscribers named in the config (e-mail addresses and HTTPS endpoints of each tier), as destinations
 * declared to the residency pack. An SNS subscription to an address outside AWS is a data path the rules cannot
 * locate, so it fails closed unless declared; these ones are declared on the operator's behalf because the
 * operator chose them in the config, and what the alerting topics carry is alarm state (alarm name, metric,
 * threshold, runbook link), never records. Each declaration names its config field, and every report lists it
 * with that reason, so a reviewer sees exactly where alerts go.
 */
export function alertSubscriberDeclarations(config: ResidencyConfig): DeclaredDestination[] {
  const declared: DeclaredDestination[] = [];
  for (const tier of ['critical', 'warning'] as const) {
    const subscribers = config.alerts[tier];
    const fields: [string, readonly string[]][] = [
      ['emails', subscribers.emails],
      ['httpsEndpoints', subscribers.httpsEndpoints],
    ];
    for (const [field, destinations] of fields) {
      for (const destination of destinations) {
        declared.push({
          destination,
          // The region of the stack whose topic delivers to it is not where the mailbox is; the declaration
          // states the operator's accountability for it, in the primary region.
          region: config.primaryRegion,
          reason: `alert subscriber from config alerts.${tier}.${field}: receives alarm notifications (alarm name, metric, threshold, runbook link), never records; the operator who configured it vouches for where it is hosted`,
        });
      }
    }
  }
  return declared;
}
