import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { MutualTlsOptions } from '../../src';
import { newNetwork, newStack, propsOf } from '../helpers/network';

const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';
const TRUST_STORE_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:truststore/clients/0123456789abcdef';

function withMutualTls(mutualTls: (stack: any) => MutualTlsOptions, certificate = true) {
  const stack = newStack();
  const cert = certificate ? acm.Certificate.fromCertificateArn(stack, 'C', CERT_ARN) : undefined;
  return newNetwork({ loadBalancer: { certificate: cert, mutualTls: mutualTls(stack) } }, stack);
}

const trustStore = (stack: any) => elbv2.TrustStore.fromTrustStoreArn(stack, 'Ts', TRUST_STORE_ARN);

describe('ALB mutual TLS', () => {
  test('off by default', () => {
    const stack = newStack();
    const { network } = newNetwork({ loadBalancer: { certificate: acm.Certificate.fromCertificateArn(stack, 'C', CERT_ARN) } }, stack);
    expect(propsOf(Template.fromStack(stack), network.httpsListener!).MutualAuthentication).toBeUndefined();
  });

  test('verify with a trust store by default', () => {
    const { stack, network } = withMutualTls(s => ({ trustStore: trustStore(s) }));
    expect(propsOf(Template.fromStack(stack), network.httpsListener!).MutualAuthentication).toEqual({
      Mode: 'verify', TrustStoreArn: TRUST_STORE_ARN,
    });
  });

  test('verify options', () => {
    const { stack, network } = withMutualTls(s => ({
      trustStore: trustStore(s), ignoreClientCertificateExpiry: true, advertiseTrustStoreCaNames: true,
    }));
    expect(propsOf(Template.fromStack(stack), network.httpsListener!).MutualAuthentication).toMatchObject({
      Mode: 'verify', IgnoreClientCertificateExpiry: true, AdvertiseTrustStoreCaNames: 'on',
    });
  });

  test('pass-through', () => {
    const { stack, network } = withMutualTls(() => ({ mode: elbv2.MutualAuthenticationMode.PASS_THROUGH }));
    expect(propsOf(Template.fromStack(stack), network.httpsListener!).MutualAuthentication).toMatchObject({ Mode: 'passthrough' });
  });

  test('mTLS without a trust store is an error', () => {
    expect(() => withMutualTls(() => ({}))).toThrow(
      '`loadBalancer.mutualTls.trustStore` is required to verify client certificates (mode VERIFY), got: undefined. ' +
      'Give an `elbv2.TrustStore` of the CA bundle that signs the clients\' certificates, or use `elbv2.MutualAuthenticationMode.PASS_THROUGH`.');
  });

  test('mTLS without HTTPS is an error', () => {
    expect(() => withMutualTls(s => ({ trustStore: trustStore(s) }), false)).toThrow(
      '`loadBalancer.mutualTls` needs an HTTPS listener, but the load balancer has no `certificate` and no hosted zone to request one in, got: "verify".');
  });

  test('a trust store with pass-through is an error', () => {
    expect(() => withMutualTls(s => ({ mode: elbv2.MutualAuthenticationMode.PASS_THROUGH, trustStore: trustStore(s) }))).toThrow(
      '`loadBalancer.mutualTls.trustStore` only applies to mode VERIFY: with PASS_THROUGH the load balancer does not check certificates, got: "passthrough".');
  });

  test('mode OFF is an error', () => {
    expect(() => withMutualTls(() => ({ mode: elbv2.MutualAuthenticationMode.OFF }))).toThrow('`loadBalancer.mutualTls.mode` is OFF: leave `mutualTls` out instead');
  });
});
