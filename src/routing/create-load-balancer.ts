import { Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { enableAccessLogs } from './access-logs';
import { defaultIngressPeers, resolveIpAddressType } from './ip-address-type';
import { LoadBalancerOptions } from './load-balancer';
import { validateSeconds } from './validate-routing';
import { NetworkLayout } from '../network/vpc';
import { invalidProp } from '../private/validation';

/** The load balancer, its listeners and, when the network owns it, the access log bucket. */
export interface LoadBalancerParts {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly httpListener: elbv2.ApplicationListener;
  readonly httpsListener?: elbv2.ApplicationListener;
  /** The listener that carries the routing rules: HTTPS when there is a certificate, else HTTP. */
  readonly routingListener: elbv2.ApplicationListener;
  readonly accessLogsBucket?: s3.IBucket;
  readonly webAclAssociation?: wafv2.CfnWebACLAssociation;
}

/** The fixed answer for requests that no route claims. */
export const NOT_FOUND = elbv2.ListenerAction.fixedResponse(404, { contentType: 'text/plain', messageBody: 'Not found' });

/** Creates the load balancer, its listeners and its access logs. */
export function createLoadBalancer(scope: Construct, layout: NetworkLayout, options: LoadBalancerOptions): LoadBalancerParts {
  validateSeconds('loadBalancer.idleTimeout', options.idleTimeout, 1, 4000);
  validateWebAclArn(Stack.of(scope).region, options.webAclArn);
  const internetFacing = options.internetFacing ?? true;
  const ipAddressType = resolveIpAddressType(layout, internetFacing, options.ipAddressType);
  const securityGroup = new ec2.SecurityGroup(scope, 'LoadBalancerSecurityGroup', {
    vpc: layout.vpc,
    allowAllOutbound: false,
    description: `${internetFacing ? 'Internet-facing' : 'Internal'} load balancer: listener ports in, service ports out`,
  });
  const loadBalancer = new elbv2.ApplicationLoadBalancer(scope, 'LoadBalancer', {
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

  if (options.ingressPeers?.length === 0) {
    throw invalidProp('loadBalancer.ingressPeers', 'must admit at least one peer: an empty list lets no client reach the listeners', [],
      'List the CIDR ranges or security groups of the clients, or leave `ingressPeers` out for the default.');
  }
  const peers = options.ingressPeers ?? defaultIngressPeers(layout, internetFacing, ipAddressType);
  if (internetFacing && options.ingressPeers === undefined) {
    Validations.of(securityGroup).acknowledge({
      id: 'AwsSolutions-EC23',
      reason: 'An internet-facing load balancer accepts its listener ports from any IPv4 address by design; `loadBalancer.ingressPeers` narrows it.',
    });
  }
  const allow = (port: number, why: string) => peers.forEach(p => securityGroup.addIngressRule(p, ec2.Port.tcp(port), why));

  let httpListener: elbv2.ApplicationListener;
  let httpsListener: elbv2.ApplicationListener | undefined;
  if (options.certificate) {
    httpsListener = loadBalancer.addListener('HttpsListener', {
      protocol: elbv2.ApplicationProtocol.HTTPS,
      port: 443,
      certificates: [options.certificate],
      sslPolicy: options.sslPolicy ?? elbv2.SslPolicy.RECOMMENDED_TLS,
      open: false,
      defaultAction: NOT_FOUND,
    });
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
    allow(443, 'HTTPS from the allowed clients');
    allow(80, 'HTTP from the allowed clients, redirected to HTTPS');
  } else {
    httpListener = loadBalancer.addListener('HttpListener', {
      protocol: elbv2.ApplicationProtocol.HTTP,
      port: 80,
      open: false,
      defaultAction: NOT_FOUND,
    });
    allow(80, 'HTTP from the allowed clients');
  }

  let accessLogsBucket: s3.IBucket | undefined;
  if (options.accessLogs ?? true) {
    accessLogsBucket = options.accessLogsBucket ?? new s3.Bucket(scope, 'AccessLogsBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (!options.accessLogsBucket) {
      Validations.of(accessLogsBucket).acknowledge({
        id: 'AwsSolutions-S1',
        reason: 'This bucket holds the load balancer access logs; its own server access logs would need another log bucket, and so on.',
      });
    }
    enableAccessLogs(scope, loadBalancer, accessLogsBucket);
  } else if (options.accessLogsBucket) {
    throw invalidProp('loadBalancer.accessLogsBucket', 'only applies when `loadBalancer.accessLogs` is true', 'a bucket',
      'Remove the bucket, or set `loadBalancer.accessLogs` to true.');
  }

  const webAclAssociation = options.webAclArn === undefined ? undefined : new wafv2.CfnWebACLAssociation(scope, 'WebAclAssociation', {
    resourceArn: loadBalancer.loadBalancerArn,
    webAclArn: options.webAclArn,
  });

  return { loadBalancer, httpListener, httpsListener, routingListener: httpsListener ?? httpListener, accessLogsBucket, webAclAssociation };
}

/** `arn:<partition>:wafv2:<region>:<account>:<scope>/webacl/<name>/<id>` */
const WEB_ACL_ARN = /^arn:aws(?:-[a-z]+)*:wafv2:([a-z0-9-]+):(\d{12}):(regional|global)\/webacl\/[^/]+\/[^/]+$/;

function validateWebAclArn(stackRegion: string, arn: string | undefined): void {
  if (arn === undefined || Token.isUnresolved(arn)) return;
  const prop = 'loadBalancer.webAclArn';
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
