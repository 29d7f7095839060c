import type { NetworkFlows } from './network-flows';
import { invalidProp } from '../private/validation';

/**
 * The flows the tasks need and no path carries, as one error per service that names both ends of
 * each and the fixes: such tasks never start (no image, no logs, no secrets).
 */
export function unmetNeeds(flows: NetworkFlows): string[] {
  const unmet = flows.needs.filter(n => !flows.carries(n));
  const services = [...new Set(unmet.map(n => n.service))];
  return services.map(service => {
    const mine = unmet.filter(n => n.service === service);
    const ends = mine.map(n => `${service} -> ${n.destination} TCP ${n.port} (${n.why})`);
    const fixes = [...new Set(mine.map(n => n.fix))];
    return invalidProp(service, `needs flows that no path carries: ${ends.join(', ')}. No VPC endpoint serves them, and no egress rule of the service ` +
      'reaches the internet on that port, so its tasks would never start', mine.map(n => n.destination),
    `${capitalize(fixes.join('; '))}; or turn the service's HTTPS egress back on (\`httpsEgress\`).`).message;
  });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
