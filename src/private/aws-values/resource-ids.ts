import { Token } from 'aws-cdk-lib';
import { duplicates, invalidProp } from '../validation';

/**
 * EC2 resource IDs: a prefix, a hyphen, then 8 (resources created before 2016) or 17 lower-case
 * hexadecimal characters. Amazon EC2 User Guide, "Resource IDs":
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html (the APIs that validate an
 * allocation ID use the pattern `^eipalloc-([0-9a-f]{8,17})$`, for example
 * https://docs.aws.amazon.com/transfer/latest/APIReference/API_EndpointDetails.html).
 */
export function isEc2ResourceId(prefix: string, id: string): boolean {
  return new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`).test(id);
}

/** An example of an ID with `prefix`, for messages. */
function exampleId(prefix: string): string {
  return `${prefix}-0123456789abcdef0`;
}

/** Throws unless `id` is an EC2 resource ID with `prefix`; skips tokens. */
export function requireEc2ResourceId(prop: string, prefix: string, id: string | undefined, what: string): void {
  if (id === undefined || Token.isUnresolved(id) || isEc2ResourceId(prefix, id)) return;
  throw invalidProp(prop, `must be ${what} (\`${prefix}-\` and 8 or 17 lower-case hexadecimal characters)`, id,
    `Use for example \`${exampleId(prefix)}\`.`);
}

/**
 * Throws unless every ID of `ids` is an EC2 resource ID with `prefix`, and none appears twice (one
 * Elastic IP cannot serve two NAT gateways or two load balancer nodes); skips tokens.
 */
export function requireDistinctEc2ResourceIds(prop: string, prefix: string, ids: string[] | undefined, what: string): void {
  if (ids === undefined || Token.isUnresolved(ids)) return;
  ids.forEach((id, i) => requireEc2ResourceId(`${prop}[${i}]`, prefix, id, what));
  const twice = duplicates(ids.filter(id => !Token.isUnresolved(id)));
  if (twice.length > 0) {
    throw invalidProp(prop, `must not list an ID twice: each ${what.replace(/^an? /, '')} serves one resource only`, twice, 'Give a distinct ID for each.');
  }
}
