import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { invalidProp } from '../private/validation';

/**
 * Mutual TLS on the HTTPS listener of an Application Load Balancer: clients present certificates,
 * which the load balancer verifies against a trust store (or passes to the tasks in headers).
 */
export interface MutualTlsOptions {
  /**
   * How the load balancer treats client certificates: `VERIFY` checks them against `trustStore`
   * and refuses clients without a valid one; `PASS_THROUGH` sends the chain to the tasks in the
   * `X-Amzn-Mtls-Clientcert` headers, for the application to verify.
   *
   * @default elbv2.MutualAuthenticationMode.VERIFY
   */
  readonly mode?: elbv2.MutualAuthenticationMode;

  /**
   * The trust store of the CA certificates that sign the clients' certificates (`VERIFY` only), for
   * example `new elbv2.TrustStore(this, 'TrustStore', { bucket, key: 'ca-bundle.pem' })`.
   *
   * @default - none: required with `VERIFY`
   */
  readonly trustStore?: elbv2.ITrustStore;

  /**
   * Whether the load balancer accepts expired client certificates (`VERIFY` only).
   *
   * @default false
   */
  readonly ignoreClientCertificateExpiry?: boolean;

  /**
   * Whether the load balancer tells clients the names of the CAs it trusts (`VERIFY` only).
   *
   * @default false
   */
  readonly advertiseTrustStoreCaNames?: boolean;
}

/**
 * Checks the mutual TLS options of one kind of load balancer (`prop` is `loadBalancer.mutualTls`...);
 * `hasCertificateSource` undefined when only the load balancer's creation can tell.
 */
export function validateMutualTls(prop: string, options: MutualTlsOptions | undefined, hasCertificateSource: boolean | undefined): void {
  if (!options) return;
  const mode = options.mode ?? elbv2.MutualAuthenticationMode.VERIFY;
  if (hasCertificateSource === false) {
    throw invalidProp(prop, 'needs an HTTPS listener, but the load balancer has no `certificate` and no hosted zone to request one in', mode,
      'Give the load balancer a `certificate` (or a public `hostedZone`), or remove `mutualTls`.');
  }
  if (mode === elbv2.MutualAuthenticationMode.OFF) {
    throw invalidProp(`${prop}.mode`, 'is OFF: leave `mutualTls` out instead', mode, 'Use `VERIFY` or `PASS_THROUGH`, or remove `mutualTls`.');
  }
  if (mode === elbv2.MutualAuthenticationMode.VERIFY && !options.trustStore) {
    throw invalidProp(`${prop}.trustStore`, 'is required to verify client certificates (mode VERIFY)', undefined,
      'Give an `elbv2.TrustStore` of the CA bundle that signs the clients\' certificates, or use `elbv2.MutualAuthenticationMode.PASS_THROUGH`.');
  }
  if (mode === elbv2.MutualAuthenticationMode.PASS_THROUGH) {
    const verifyOnly = (['trustStore', 'ignoreClientCertificateExpiry', 'advertiseTrustStoreCaNames'] as const).find(k => options[k] !== undefined);
    if (verifyOnly) {
      throw invalidProp(`${prop}.${verifyOnly}`, 'only applies to mode VERIFY: with PASS_THROUGH the load balancer does not check certificates', mode,
        `Remove \`${verifyOnly}\`, or use \`elbv2.MutualAuthenticationMode.VERIFY\`.`);
    }
  }
}

/** The listener's mutual authentication, when `mutualTls` is given. */
export function mutualAuthenticationOf(options: MutualTlsOptions | undefined): elbv2.MutualAuthentication | undefined {
  if (!options) return undefined;
  return {
    mutualAuthenticationMode: options.mode ?? elbv2.MutualAuthenticationMode.VERIFY,
    trustStore: options.trustStore,
    ignoreClientCertificateExpiry: options.ignoreClientCertificateExpiry,
    advertiseTrustStoreCaNames: options.advertiseTrustStoreCaNames,
  };
}
