import { Token } from 'aws-cdk-lib';
import { invalidProp } from '../validation';

/**
 * DNS names as Route 53 and ACM take them: at most 253 octets, each label (between dots) at most 63.
 * The first name of an ACM certificate (its `DomainName`, the subject's Common Name) is at most 64
 * octets (RFC 5280); the other names (subject alternative names) may have up to 253. AWS Certificate
 * Manager API Reference, RequestCertificate:
 * https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html
 */
export const MAX_DNS_NAME = 253;
export const MAX_DNS_LABEL = 63;
export const MAX_CERTIFICATE_FIRST_NAME = 64;

/** Throws unless `name` (a trailing dot allowed) has labels of 1 to 63 octets and at most 253 in all; skips tokens. */
export function requireDnsName(prop: string, name: string, fix: string): void {
  if (Token.isUnresolved(name)) return;
  const bare = name.replace(/\.$/, '');
  const long = bare.split('.').find(label => label.length === 0 || label.length > MAX_DNS_LABEL);
  if (long !== undefined) {
    throw invalidProp(prop, `must be a DNS name whose labels (between dots) have 1 to ${MAX_DNS_LABEL} characters, but one has ${long.length}`, name, fix);
  }
  if (bare.length > MAX_DNS_NAME) {
    throw invalidProp(prop, `must be a DNS name of at most ${MAX_DNS_NAME} characters`, `${bare.length} characters`, fix);
  }
}

/** Whether `name` can be the first name (`DomainName`) of an ACM certificate. */
export function fitsCertificateFirstName(name: string): boolean {
  return name.replace(/\.$/, '').length <= MAX_CERTIFICATE_FIRST_NAME;
}

/** Throws unless `name` can be the first name of an ACM certificate (at most 64 octets); skips tokens. */
export function requireCertificateFirstName(prop: string, name: string, fix: string): void {
  if (Token.isUnresolved(name) || fitsCertificateFirstName(name)) return;
  throw invalidProp(prop, `is the first name of the certificates the network requests, which ACM limits to ${MAX_CERTIFICATE_FIRST_NAME} characters (RFC 5280)`,
    `${name.replace(/\.$/, '').length} characters`, fix);
}
