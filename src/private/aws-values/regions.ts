import { Arn, ArnFormat, Stack, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { invalidProp } from '../validation';

/**
 * Regional resources are used in their own region only: a load balancer takes ACM certificates and
 * trust stores of its region (Elastic Load Balancing, "SSL certificates for your Application Load
 * Balancer": https://docs.aws.amazon.com/elasticloadbalancing/latest/application/https-listener-certificates.html,
 * and "Mutual authentication with TLS": https://docs.aws.amazon.com/elasticloadbalancing/latest/application/mutual-authentication.html),
 * a regional web ACL protects resources of its region (AWS WAF, "Using AWS WAF with regional resources"),
 * and CloudWatch Logs encrypts with KMS keys of its own region.
 */

/** Throws when a resource is known to be in another region (`there`) than the stack of `scope`; skips what synthesis cannot know. */
export function requireSameRegion(prop: string, there: string | undefined, scope: IConstruct, fix: string): void {
  requireRegion(prop, there, Stack.of(scope).region, fix);
}

/** Throws when a resource is known to be in another region (`there`) than `here`; skips what synthesis cannot know. */
export function requireRegion(prop: string, there: string | undefined, here: string, fix: string): void {
  if (there === undefined || there === '' || Token.isUnresolved(here) || Token.isUnresolved(there) || here === there) return;
  throw invalidProp(prop, `must be in the region of the stack (${here}): AWS does not use it across regions`, there, fix);
}

/** The region of an ARN, or undefined when the ARN is a token. */
export function regionOfArn(arn: string | undefined): string | undefined {
  if (arn === undefined || Token.isUnresolved(arn)) return undefined;
  return Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME).region;
}

/** `requireSameRegion` for each ARN of a list, each named by its index (`prop[i]`). */
export function requireArnsInRegion(prop: string, arns: (string | undefined)[], here: string, fix: string): void {
  arns.forEach((arn, i) => requireRegion(`${prop}[${i}]`, regionOfArn(arn), here, fix));
}
