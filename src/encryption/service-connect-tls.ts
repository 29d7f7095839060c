import { Stack } from 'aws-cdk-lib';
import * as acmpca from 'aws-cdk-lib/aws-acmpca';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { EncryptionInTransitOptions } from './encryption-options';
import { denyGrantsExceptForAwsServices } from '../network/logs-key';
import { acknowledgeFinding } from '../private/acknowledge';
import { regionOfArn, requireSameRegion } from '../private/aws-values/regions';
import { invalidProp } from '../private/validation';

/** The AWS managed policy ECS documents for the Service Connect TLS infrastructure role. */
export const SERVICE_CONNECT_TLS_POLICY = 'service-role/AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity';
/** The KMS actions ECS takes with the key of the Service Connect certificates' private keys. */
const KEY_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyPair', 'kms:DescribeKey'];
/** The validity of the root certificate of the CA the network creates (its issued certificates live 7 days at most). */
const ROOT_VALIDITY_YEARS = 10;

/** Checks the encryption options against the stack, before anything exists. */
export function validateEncryptionOptions(scope: Construct, options: EncryptionInTransitOptions): void {
  requireSameRegion('encryptionInTransit.certificateAuthority', regionOfArn(options.certificateAuthority?.certificateAuthorityArn), scope,
    'Use an AWS Private CA of the stack\'s region (ECS issues Service Connect certificates from a CA of its own region only).');
  requireSameRegion('encryptionInTransit.kmsKey', options.kmsKey?.env.region, scope, 'Use a KMS key of the stack\'s region.');
  if (options.required && options.serviceConnectTls === false) {
    throw invalidProp('encryptionInTransit.serviceConnectTls', 'is false, but `encryptionInTransit.required` forbids plaintext Service Connect endpoints', false,
      'Leave `serviceConnectTls` out (it follows `required`), or turn `required` off.');
  }
}

/**
 * The Service Connect TLS of a network: the CA, the KMS key and the role, given or created (in the
 * network's scope, under `ServiceConnectTls`) when the first service asks for TLS, so that a network
 * without TLS services pays for no CA.
 */
export class ServiceConnectTls {
  /** Whether services use TLS unless they say otherwise. */
  public readonly byDefault: boolean;
  /** Whether plaintext edges are errors. */
  public readonly required: boolean;
  private resources?: ecs.ServiceConnectTlsConfiguration;
  private createdCa?: acmpca.CfnCertificateAuthority;
  private activation?: acmpca.CfnCertificateAuthorityActivation;

  constructor(private readonly scope: Construct, private readonly options: EncryptionInTransitOptions) {
    this.required = options.required ?? false;
    this.byDefault = options.serviceConnectTls ?? this.required;
  }

  /** Whether a service with its own `serviceConnectTls` (or none) uses TLS. */
  public appliesTo(own: boolean | undefined): boolean {
    return own ?? this.byDefault;
  }

  /** The CA, key and role, once a service used TLS. */
  public get created(): ecs.ServiceConnectTlsConfiguration | undefined {
    return this.resources;
  }

  /** The CA the network created, if any (for the cost report). */
  public get createdCertificateAuthority(): acmpca.CfnCertificateAuthority | undefined {
    return this.createdCa;
  }

  /**
   * The CA, key and role of a TLS service, created on the first call; the service waits for the
   * activation of a CA the network creates.
   */
  public configurationFor(service: ecs.FargateService): ecs.ServiceConnectTlsConfiguration {
    const configuration = this.configuration();
    if (this.activation) service.node.addDependency(this.activation);
    return configuration;
  }

  private configuration(): ecs.ServiceConnectTlsConfiguration {
    if (this.resources) return this.resources;
    const scope = new Construct(this.scope, 'ServiceConnectTls');
    const ca = this.options.certificateAuthority ?? this.createCertificateAuthority(scope);
    const role = this.options.serviceConnectTlsRole ?? this.createRole(scope);
    const kmsKey = this.options.kmsKey ?? this.createKey(scope);
    // on the role's policy (a role of the network), or the key's (a key of the stack); an imported key
    // and an imported role are their owners' to set up
    kmsKey.grant(role, ...KEY_ACTIONS);
    this.resources = { awsPcaAuthorityArn: ca.certificateAuthorityArn, kmsKey, role };
    return this.resources;
  }

  /** A root CA in short-lived certificate mode, with its self-signed certificate, activated. */
  private createCertificateAuthority(scope: Construct): acmpca.ICertificateAuthority {
    const cfn = new acmpca.CfnCertificateAuthority(scope, 'CertificateAuthority', {
      type: 'ROOT',
      keyAlgorithm: 'EC_prime256v1',
      signingAlgorithm: 'SHA256WITHECDSA',
      usageMode: 'SHORT_LIVED_CERTIFICATE',
      subject: { commonName: `${Stack.of(scope).stackName} Service Connect`.slice(0, 64), organization: 'ecs-advanced-network' },
    });
    const certificate = new acmpca.CfnCertificate(scope, 'RootCertificate', {
      certificateAuthorityArn: cfn.attrArn,
      certificateSigningRequest: cfn.attrCertificateSigningRequest,
      signingAlgorithm: 'SHA256WITHECDSA',
      templateArn: `arn:${Stack.of(scope).partition}:acm-pca:::template/RootCACertificate/V1`,
      validity: { type: 'YEARS', value: ROOT_VALIDITY_YEARS },
    });
    this.activation = new acmpca.CfnCertificateAuthorityActivation(scope, 'Activation', {
      certificateAuthorityArn: cfn.attrArn,
      certificate: certificate.attrCertificate,
      status: 'ACTIVE',
    });
    this.createdCa = cfn;
    return acmpca.CertificateAuthority.fromCertificateAuthorityArn(scope, 'Authority', cfn.attrArn);
  }

  /** A key with rotation, whose grants only AWS services may create (CT.KMS.PR.3). */
  private createKey(scope: Construct): kms.Key {
    const key = new kms.Key(scope, 'Key', {
      enableKeyRotation: true,
      description: 'Encrypts the private keys of the Service Connect TLS certificates',
    });
    denyGrantsExceptForAwsServices(key);
    return key;
  }

  private createRole(scope: Construct): iam.Role {
    const role = new iam.Role(scope, 'Role', {
      assumedBy: new iam.ServicePrincipal('ecs.amazonaws.com'),
      description: 'ECS Service Connect TLS: issues certificates from the Private CA and keeps their keys in Secrets Manager',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(SERVICE_CONNECT_TLS_POLICY)],
    });
    acknowledgeFinding(role, `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${SERVICE_CONNECT_TLS_POLICY}]`,
      'The AWS managed policy that ECS documents for the Service Connect TLS role, kept by AWS in step with what ECS calls. Pass `serviceConnectTlsRole` to use your own.');
    return role;
  }
}
