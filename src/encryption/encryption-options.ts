import type * as acmpca from 'aws-cdk-lib/aws-acmpca';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';

/**
 * Encryption in transit across the network: Service Connect TLS between services, and a switch that
 * turns every plaintext edge (listener, target group, Service Connect endpoint) into a synth error.
 */
export interface EncryptionInTransitOptions {
  /**
   * Forbids plaintext: with it on, an HTTP listener other than the port-80 redirect, an HTTP target
   * group, a Service Connect endpoint without TLS, a TCP or UDP listener of a Network Load Balancer
   * and a plain TCP target are synth errors that name the edge.
   *
   * @default false
   */
  readonly required?: boolean;

  /**
   * Whether the Service Connect endpoints of the network's services use TLS (TLS 1.3, certificates
   * that ECS issues from `certificateAuthority`, rotates and gives to the Service Connect proxies).
   * Callers keep calling `http://<name>:<port>`: their proxy opens the TLS connection. A service can
   * override it with its own `serviceConnectTls`.
   *
   * @default - true when `required` is true, else false
   */
  readonly serviceConnectTls?: boolean;

  /**
   * The AWS Private CA that issues the Service Connect certificates, in the stack's region; it must
   * be active.
   *
   * @default - a root CA in short-lived certificate mode (certificates of at most 7 days, which ECS
   * renews every few days; USD 50 a month instead of 400 for a general-purpose CA), created when a
   * service first uses Service Connect TLS
   */
  readonly certificateAuthority?: acmpca.ICertificateAuthority;

  /**
   * The KMS key ECS encrypts the private keys of the Service Connect certificates with (in AWS
   * Secrets Manager). The role of `serviceConnectTlsRole` must be allowed to use it.
   *
   * @default - a customer managed key with rotation, usable by the Service Connect TLS role
   */
  readonly kmsKey?: kms.IKey;

  /**
   * The IAM role ECS assumes to issue and store the Service Connect certificates (trusting
   * `ecs.amazonaws.com`, with the AWS managed policy
   * `AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity` or its equivalent).
   *
   * @default - a role with that AWS managed policy
   */
  readonly serviceConnectTlsRole?: iam.IRole;
}
