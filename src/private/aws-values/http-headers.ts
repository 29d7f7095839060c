import { Token } from 'aws-cdk-lib';
import { invalidProp } from '../validation';

/**
 * The header name of an ALB HTTP-header condition: at most 40 characters, the token characters of
 * RFC 7230, no wildcard, and never the host header (a host-header condition matches it). Elastic Load
 * Balancing API Reference, HttpHeaderConditionConfig:
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_HttpHeaderConditionConfig.html
 */
const HEADER_NAME = /^[!#$%&'+.^_`|~0-9A-Za-z-]{1,40}$/;

/** Throws unless `name` is a header name an ALB HTTP-header condition accepts; `hostFix` says what to use for `Host`. */
export function requireHttpHeaderName(prop: string, name: string, fix: string, hostFix: string): void {
  if (Token.isUnresolved(name)) return;
  if (!HEADER_NAME.test(name)) {
    throw invalidProp(prop, 'must be an HTTP header name of 1 to 40 characters (RFC 7230 token characters: letters, digits and `!#$%&\'+.^_`|~-`, no wildcard)', name, fix);
  }
  if (name.toLowerCase() === 'host') {
    throw invalidProp(prop, 'cannot be the `Host` header: the ALB refuses it in an HTTP-header condition (a host-header condition matches it)', name, hostFix);
  }
}
