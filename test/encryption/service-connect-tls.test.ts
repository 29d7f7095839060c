import { Template } from 'aws-cdk-lib/assertions';
import * as acmpca from 'aws-cdk-lib/aws-acmpca';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Discovery, EncryptionInTransitOptions } from '../../src';
import { IMAGE, newNetwork, newStack, serviceProps } from '../helpers/network';

const CA_ARN = 'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555';

function twoServices(encryptionInTransit: EncryptionInTransitOptions, stack = newStack({ account: '123456789012', region: 'us-east-1' })) {
  const { network } = newNetwork({ encryptionInTransit, loadBalancer: { enabled: false } }, stack);
  const orders = network.addService('orders', { image: IMAGE, containerPort: 8080 });
  const api = network.addService('api', { image: IMAGE, containerPort: 8080, connectsTo: ['orders'] });
  return { stack, network, orders, api };
}

function tlsOf(t: Template, service: any): any {
  return serviceProps(t, service).ServiceConnectConfiguration.Services?.[0]?.Tls;
}

describe('Service Connect TLS', () => {
  test('off by default: no CA, no TLS on the endpoints', () => {
    const { stack, orders } = twoServices({});
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::ACMPCA::CertificateAuthority', 0);
    expect(tlsOf(t, orders)).toBeUndefined();
    expect(orders.serviceConnectTls).toBe(false);
  });

  test('on for the network: a short-lived root CA, activated, a key with rotation and the ECS role', () => {
    const { stack, network, orders, api } = twoServices({ serviceConnectTls: true });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ACMPCA::CertificateAuthority', { Type: 'ROOT', UsageMode: 'SHORT_LIVED_CERTIFICATE', KeyAlgorithm: 'EC_prime256v1' });
    t.hasResourceProperties('AWS::ACMPCA::Certificate', { TemplateArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':acm-pca:::template/RootCACertificate/V1']] } });
    t.hasResourceProperties('AWS::ACMPCA::CertificateAuthorityActivation', { Status: 'ACTIVE' });
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ecs.amazonaws.com' } }] },
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity']] }],
    });
    t.hasResourceProperties('AWS::KMS::Key', { Description: 'Encrypts the private keys of the Service Connect TLS certificates', EnableKeyRotation: true });
    const tls = tlsOf(t, orders);
    expect(tls.IssuerCertificateAuthority.AwsPcaAuthorityArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/CertificateAuthority/), 'Arn'] });
    expect(tls.KmsKey).toBeDefined();
    expect(tls.RoleArn).toBeDefined();
    expect(network.serviceConnectTlsConfiguration).toBeDefined();
    // api is a server too (it has a port) and a client of orders: its own endpoint is TLS as well
    expect(tlsOf(t, api)).toEqual(tls);
    // the service waits for the CA to be active
    const deps = t.toJSON().Resources[Object.keys(t.findResources('AWS::ECS::Service')).find(k => k.includes('orders'))!].DependsOn;
    expect(deps.some((d: string) => d.includes('Activation'))).toBe(true);
  });

  test('a given CA, key and role are used, and nothing is created', () => {
    const stack = newStack({ account: '123456789012', region: 'us-east-1' });
    const certificateAuthority = acmpca.CertificateAuthority.fromCertificateAuthorityArn(stack, 'Ca', CA_ARN);
    const kmsKey = kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:us-east-1:123456789012:key/abc');
    const serviceConnectTlsRole = iam.Role.fromRoleArn(stack, 'R', 'arn:aws:iam::123456789012:role/sc-tls');
    const { orders } = twoServices({ serviceConnectTls: true, certificateAuthority, kmsKey, serviceConnectTlsRole }, stack);
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::ACMPCA::CertificateAuthority', 0);
    t.resourceCountIs('AWS::ACMPCA::CertificateAuthorityActivation', 0);
    expect(tlsOf(t, orders)).toEqual({
      IssuerCertificateAuthority: { AwsPcaAuthorityArn: CA_ARN },
      KmsKey: 'arn:aws:kms:us-east-1:123456789012:key/abc',
      RoleArn: 'arn:aws:iam::123456789012:role/sc-tls',
    });
  });

  test('a given key is granted to the role the network creates', () => {
    const stack = newStack({ account: '123456789012', region: 'us-east-1' });
    const kmsKey = kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:us-east-1:123456789012:key/abc');
    twoServices({ serviceConnectTls: true, kmsKey }, stack);
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::KMS::Key', 3 - 1); // the logs keys only (network and alarm topic), none for TLS
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyPair', 'kms:DescribeKey'],
          Effect: 'Allow',
          Resource: 'arn:aws:kms:us-east-1:123456789012:key/abc',
        }],
      },
    });
  });

  test('a service can turn it on alone, and the CA exists only then', () => {
    const { network } = newNetwork({ loadBalancer: { enabled: false } });
    const plain = network.addService('plain', { image: IMAGE, containerPort: 8080 });
    expect(network.serviceConnectTlsConfiguration).toBeUndefined();
    const secure = network.addService('secure', { image: IMAGE, containerPort: 8080, serviceConnectTls: true });
    expect(plain.serviceConnectTls).toBe(false);
    expect(secure.serviceConnectTls).toBe(true);
    expect(network.serviceConnectTlsConfiguration).toBeDefined();
  });

  test('a service can turn it off when the network has it on', () => {
    const { network } = newNetwork({ loadBalancer: { enabled: false }, encryptionInTransit: { serviceConnectTls: true } });
    expect(network.addService('plain', { image: IMAGE, containerPort: 8080, serviceConnectTls: false }).serviceConnectTls).toBe(false);
  });

  test('named ports published by a TLS service are TLS too', () => {
    const { stack, network } = newNetwork({ loadBalancer: { enabled: false }, encryptionInTransit: { serviceConnectTls: true } });
    const orders = network.addService('orders', {
      image: IMAGE, containerPort: 8080, additionalPorts: [{ name: 'admin', containerPort: 9090, discoverable: true }],
    });
    const services = serviceProps(Template.fromStack(stack), orders).ServiceConnectConfiguration.Services;
    expect(services).toHaveLength(2);
    expect(services.every((s: any) => s.Tls !== undefined)).toBe(true);
  });

  test('the report says TLS and marks the call encrypted', () => {
    const { network } = twoServices({ serviceConnectTls: true });
    const call = network.report().reachability.find(e => e.kind === 'call')!;
    expect(call).toMatchObject({ detail: 'Service Connect orders:8080 (TLS)', encrypted: true });
  });

  test('the cost report counts the CA the network creates, in short-lived certificate mode', () => {
    const { network } = twoServices({ serviceConnectTls: true });
    expect(network.report().cost.lines).toContainEqual(expect.objectContaining({
      item: 'AWS Private CA (short-lived certificate mode, Service Connect TLS)', monthlyUsd: 50,
    }));
  });

  test('no CA line for a given CA', () => {
    const stack = newStack({ account: '123456789012', region: 'us-east-1' });
    const certificateAuthority = acmpca.CertificateAuthority.fromCertificateAuthorityArn(stack, 'Ca', CA_ARN);
    const { network } = twoServices({ serviceConnectTls: true, certificateAuthority }, stack);
    expect(network.report().cost.lines.some(l => l.item.startsWith('AWS Private CA'))).toBe(false);
  });
});

describe('Service Connect TLS: bad input', () => {
  test('TLS on a service with no port', () => {
    const { network } = newNetwork({ loadBalancer: { enabled: false } });
    expect(() => network.addService('worker', { image: IMAGE, serviceConnectTls: true })).toThrow(
      '`worker.serviceConnectTls` is true, but the service has no `containerPort`: TLS protects the endpoint a service publishes, and it publishes none, got: true. ' +
      'Set `containerPort`, or remove `serviceConnectTls` (a service without a port calls TLS services without it).');
  });

  test('TLS on a service without Service Connect', () => {
    const { network } = newNetwork({ loadBalancer: { enabled: false } });
    expect(() => network.addService('dns', { image: IMAGE, containerPort: 80, discovery: Discovery.cloudMap(), serviceConnectTls: true })).toThrow(
      '`dns.serviceConnectTls` is true, but the service\'s discovery is cloudMap, not Service Connect, got: true.');
  });

  test('Service Connect speaking HTTP to a port that serves TLS; without appProtocol the proxy passes TLS through', () => {
    const { network } = newNetwork();
    const https = { pathPatterns: ['/*'], protocol: elbv2.ApplicationProtocol.HTTPS };
    expect(() => network.addService('api', { image: IMAGE, containerPort: 8443, routing: https, discovery: Discovery.serviceConnect({ appProtocol: ecs.AppProtocol.http }) }))
      .toThrow('`api.discovery.appProtocol` is http: the Service Connect proxy sends plain HTTP to port 8443, which serves TLS (an HTTPS route\'s target), got: "http". ' +
        'Remove `appProtocol` (the proxy then passes the callers\' TLS through), or publish Service Connect on a plain port of its own (`additionalPorts` with `discoverable`).');
    expect(() => network.addService('console', {
      image: IMAGE,
      containerPort: 8080,
      additionalPorts: [{ name: 'admin', containerPort: 9443, routing: { ...https, pathPatterns: ['/admin/*'] }, discoverable: true, appProtocol: ecs.AppProtocol.grpc }],
    })).toThrow(/^`console.additionalPorts\[0\].appProtocol` is grpc: the Service Connect proxy sends plain HTTP to port 9443/);
    expect(() => network.addService('web', { image: IMAGE, containerPort: 8443, routing: { ...https, pathPatterns: ['/web/*'] }, discovery: Discovery.serviceConnect() }))
      .not.toThrow();
  });

  test('a CA from another region', () => {
    const stack = newStack({ account: '123456789012', region: 'eu-west-1' });
    const certificateAuthority = acmpca.CertificateAuthority.fromCertificateAuthorityArn(stack, 'Ca', CA_ARN);
    expect(() => newNetwork({ encryptionInTransit: { certificateAuthority } }, stack)).toThrow(
      '`encryptionInTransit.certificateAuthority` must be in the region of the stack (eu-west-1): AWS does not use it across regions, got: "us-east-1". ' +
      'Use an AWS Private CA of the stack\'s region (ECS issues Service Connect certificates from a CA of its own region only).');
  });

  test('required with serviceConnectTls false', () => {
    expect(() => newNetwork({ encryptionInTransit: { required: true, serviceConnectTls: false } })).toThrow(
      '`encryptionInTransit.serviceConnectTls` is false, but `encryptionInTransit.required` forbids plaintext Service Connect endpoints, got: false.');
  });
});

describe('Service Connect TLS in nested stacks of services', () => {
  test('a service in a nested stack uses the network\'s CA and waits for its activation', () => {
    const stack = newStack({ account: '123456789012', region: 'us-east-1' });
    const { network } = newNetwork({
      loadBalancer: { enabled: false }, encryptionInTransit: { serviceConnectTls: true },
    }, stack);
    network.addService('first', { image: IMAGE, containerPort: 8080 });
    const nested = network.addService('second', { image: IMAGE, containerPort: 8080, nestedStack: 1 });
    expect(network.serviceStacks).toHaveLength(1);
    const t = Template.fromStack(network.serviceStacks[0]);
    expect(tlsOf(t, nested).IssuerCertificateAuthority.AwsPcaAuthorityArn).toEqual({ Ref: expect.stringMatching(/CertificateAuthority/) });
    Template.fromStack(stack).resourceCountIs('AWS::ACMPCA::CertificateAuthority', 1);
  });
});
