import { Duration, RemovalPolicy, Token, Validations } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { enableAccessLogs } from './access-logs';
import { defaultIngressPeers, resolveIpAddressType } from './ip-address-type';
import type { LoadBalancerOptions } from './load-balancer';
import { mutualAuthenticationOf, validateMutualTls } from './mutual-tls';
import { validateSeconds } from './validate-routing';
import { validateWebApplicationFirewall } from './web-application-firewall';
import type { NetworkLayout } from '../network/vpc';
import { regionOfArn, requireArnsInRegion, requireRegion } from '../private/aws-values/regions';
import { invalidProp } from '../private/validation';

/** The load balancer and its listeners. */
export interface LoadBalancerParts {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly httpListener: elbv2.ApplicationListener;
  readonly httpsListener?: elbv2.ApplicationListener;
  readonly webAclAssociation?: wafv2.CfnWebACLAssociation;
  /**
   * Who may reach its listeners: `ingressPeers`, or any address (internet-facing) or the VPC (internal).
   * The security group admits them when the listeners' flows are opened (`src/ingress/listener-flows.ts`).
   */
  readonly peers: ec2.IPeer[];
}

/** How one load balancer is made, beyond its kind's options. */
export interface LoadBalancerShape {
  readonly internetFacing: boolean;
  /** The default certificate of the HTTPS listener (given, or requested by the network); none for HTTP only. */
  readonly certificate?: acm.ICertificate;
  /** The bucket of the access logs, shared by the network's load balancers. */
  readonly accessLogsBucket?: s3.IBucket;
  /** The prefix of its access logs in the bucket (the first load balancer writes to the root). */
  readonly accessLogsPrefix?: string;
  /**
   * Appended to the construct ids of its security group, load balancer and web ACL association
   * (`LoadBalancerInternal`, `LoadBalancerSecurityGroupPublic2`): empty for the network's first one,
   * whose ids never change.
   */
  readonly idSuffix?: string;
  /** The ARN of the kind's managed web ACL (`webApplicationFirewall`), when it has one. */
  readonly managedWebAclArn?: string;
}

/** The fixed answer for requests that no route claims. */
/**
 * The TLS policy of the HTTPS and TLS listeners: TLS 1.3 and 1.2 with AEAD (GCM) ciphers only, no CBC
 * suite for TLS 1.2 clients, and hybrid post-quantum key exchange for clients that offer it. It is the
 * console's default for new listeners ("Security policies for your Application Load Balancer").
 */
export const DEFAULT_SSL_POLICY = elbv2.SslPolicy.TLS13_12_RES_PQ;

export const NOT_FOUND = elbv2.ListenerAction.fixedResponse(404, { contentType: 'text/plain', messageBody: 'Not found' });

/**
 * Checks the options of one kind of load balancer (`prop` is `loadBalancer` or `internalLoadBalancer`)
 * before any load balancer of the kind exists.
 */
export function validateLoadBalancerOptions(prop: string, region: string, options: LoadBalancerOptions): void {
  validateSeconds(`${prop}.idleTimeout`, options.idleTimeout, 1, 4000);
  validateWebAclArn(`${prop}.webAclArn`, region, options.webAclArn);
  validateWebApplicationFirewall(prop, options.webApplicationFirewall, options.webAclArn);
  validateCertificateRegions(prop, region, options);
  if (options.ingressPeers?.length === 0) {
    throw invalidProp(`${prop}.ingressPeers`, 'must admit at least one peer: an empty list lets no client reach the listeners', [],
      'List the CIDR ranges or security groups of the clients, or leave `ingressPeers` out for the default.');
  }
  // internal load balancers may get their certificates through the public zone of `loadBalancer`: checked when created
  validateMutualTls(`${prop}.mutualTls`, options.mutualTls,
    prop === 'internalLoadBalancer' ? undefined : options.certificate !== undefined || options.hostedZone !== undefined);
  if (!(options.accessLogs ?? true) && options.accessLogsBucket) {
    throw invalidProp(`${prop}.accessLogsBucket`, `only applies when \`${prop}.accessLogs\` is true`, 'a bucket',
      `Remove the bucket, or set \`${prop}.accessLogs\` to true.`);
  }
}

/** The certificates and the trust store of a load balancer are of its region: ELB takes no other. */
function validateCertificateRegions(prop: string, region: string, options: LoadBalancerOptions): void {
  const fix = 'Use an ACM certificate of the stack\'s region (a load balancer takes certificates of its own region only).';
  requireRegion(`${prop}.certificate`, regionOfArn(options.certificate?.certificateArn), region, fix);
  requireArnsInRegion(`${prop}.additionalCertificates`, (options.additionalCertificates ?? []).map(c => c.certificateArn), region, fix);
  requireRegion(`${prop}.mutualTls.trustStore`, regionOfArn(options.mutualTls?.trustStore?.trustStoreArn), region,
    'Use a trust store of the stack\'s region (a load balancer verifies clients against trust stores of its own region only).');
}

/** Creates the load balancer and its listeners in `scope`, and turns its access logs on. */
export function createLoadBalancer(scope: Construct, layout: NetworkLayout, options: LoadBalancerOptions,
  shape: LoadBalancerShape): LoadBalancerParts {
  const internetFacing = shape.internetFacing;
  const ipAddressType = resolveIpAddressType(layout, internetFacing, options.ipAddressType);
  const suffix = shape.idSuffix ?? '';
  const securityGroup = new ec2.SecurityGroup(scope, `LoadBalancerSecurityGroup${suffix}`, {
    vpc: layout.vpc,
    allowAllOutbound: false,
    description: `${internetFacing ? 'Internet-facing' : 'Internal'} load balancer: listener ports in, service ports out`,
  });
  const loadBalancer = new elbv2.ApplicationLoadBalancer(scope, `LoadBalancer${suffix}`, {
    vpc: layout.vpc,
    internetFacing,
    vpcSubnets: internetFacing ? { subnetType: ec2.SubnetType.PUBLIC, onePerAz: true } : { ...layout.taskSubnets, onePerAz: true },
    securityGroup,
    dropInvalidHeaderFields: true,
    desyncMitigationMode: elbv2.DesyncMitigationMode.DEFENSIVE,
    idleTimeout: options.idleTimeout ?? Duration.seconds(60),
    deletionProtection: options.deletionProtection ?? true,
    ...(ipAddressType === elbv2.IpAddressType.IPV4 ? {} : { ipAddressType }),
  });

  const peers = options.ingressPeers ?? defaultIngressPeers(layout, internetFacing, ipAddressType);
  if (internetFacing && options.ingressPeers === undefined) {
    Validations.of(securityGroup).acknowledge({
      id: 'AwsSolutions-EC23',
      reason: 'An internet-facing Application Load Balancer without `ingressPeers` accepts its only listener ports, 80 (HTTP, redirected to ' +
        'HTTPS when it has a certificate) and 443 (HTTPS, with a certificate), from any address: web traffic meant for anyone; `loadBalancer.ingressPeers` narrows it.',
    });
  }

  if (options.mutualTls && !shape.certificate) {
    throw invalidProp('mutualTls', `needs an HTTPS listener, but load balancer ${internetFacing ? 'internet-facing' : 'internal'} has no certificate ` +
      '(a private hosted zone cannot validate one)', 'a private zone', 'Give the load balancer a `certificate`, or remove `mutualTls`.');
  }
  let httpListener: elbv2.ApplicationListener;
  let httpsListener: elbv2.ApplicationListener | undefined;
  if (shape.certificate) {
    httpsListener = loadBalancer.addListener('HttpsListener', {
      protocol: elbv2.ApplicationProtocol.HTTPS,
      port: 443,
      certificates: [shape.certificate],
      sslPolicy: options.sslPolicy ?? DEFAULT_SSL_POLICY,
      open: false,
      defaultAction: NOT_FOUND,
      mutualAuthentication: mutualAuthenticationOf(options.mutualTls),
    });
    if (options.additionalCertificates?.length) httpsListener.addCertificates('AdditionalCertificates', options.additionalCertificates);
    httpListener = loadBalancer.addListener('HttpListener', {
      protocol: elbv2.ApplicationProtocol.HTTP,
      port: 80,
      open: false,
      defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
    });
    for (const pack of ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']) {
      Validations.of(httpListener).acknowledge({
        id: `${pack}-ELBv2ACMCertificateRequired`,
        reason: 'The port-80 listener only redirects to the HTTPS listener, which carries the certificate; a plain HTTP listener has nowhere to put one.',
      });
    }
  } else {
    httpListener = loadBalancer.addListener('HttpListener', {
      protocol: elbv2.ApplicationProtocol.HTTP,
      port: 80,
      open: false,
      defaultAction: NOT_FOUND,
    });
  }

  if (shape.accessLogsBucket) enableAccessLogs(scope, loadBalancer, shape.accessLogsBucket, shape.accessLogsPrefix);

  // the two are exclusive (validateWebApplicationFirewall): the same association, whichever the web ACL
  const webAclArn = options.webAclArn ?? shape.managedWebAclArn;
  const webAclAssociation = webAclArn === undefined ? undefined : new wafv2.CfnWebACLAssociation(scope, `WebAclAssociation${suffix}`, {
    resourceArn: loadBalancer.loadBalancerArn,
    webAclArn,
  });

  return { loadBalancer, httpListener, httpsListener, webAclAssociation, peers };
}

/** Creates the bucket of the access logs of the network's load balancers. */
export function createAccessLogsBucket(scope: Construct): s3.Bucket {
  const bucket = new s3.Bucket(scope, 'AccessLogsBucket', {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason: 'This bucket holds the load balancer access logs; its own server access logs would need another log bucket, and so on.',
  });
  return bucket;
}

/** `arn:<partition>:wafv2:<region>:<account>:<scope>/webacl/<name>/<id>` */
const WEB_ACL_ARN = /^arn:aws(?:-[a-z]+)*:wafv2:([a-z0-9-]+):(\d{12}):(regional|global)\/webacl\/[^/]+\/[^/]+$/;

function validateWebAclArn(prop: string, stackRegion: string, arn: string | undefined): void {
  if (arn === undefined || Token.isUnresolved(arn)) return;
  const match = WEB_ACL_ARN.exec(arn);
  if (!match) {
    throw invalidProp(prop, 'must be the ARN of an AWS WAF (wafv2) web ACL', arn,
      'Use `webAcl.attrArn` of a `wafv2.CfnWebACL` with scope REGIONAL, or an ARN like `arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>`.');
  }
  const [, region, , scope] = match;
  if (scope === 'global') {
    throw invalidProp(prop, 'is a CloudFront (global) web ACL, which cannot protect a load balancer', arn,
      'Create the web ACL with scope REGIONAL in the stack\'s region.');
  }
  if (!Token.isUnresolved(stackRegion) && region !== stackRegion) {
    throw invalidProp(prop, `is in ${region}, but the load balancer is in ${stackRegion}`, arn,
      'Use a regional web ACL of the stack\'s region.');
  }
}
