import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { ServiceDeployment } from './deployments/service-deployment';
import { Discovery } from './discovery/discovery';
import { DnsBlockResponse, DomainEnforcement } from './egress-domains/egress-domains-options';
import { Egress } from './network/egress';
import { IpStack } from './network/ip-stack';
import { ElasticIps } from './network-load-balancers/network-load-balancer-options';
import type { PropTable, PropType } from './private/prop-types';
import { checkProps, optional as o, required as r, T } from './private/prop-types';
import { invalidProp } from './private/validation';
import { IngressAccess } from './routing/ingress-access';
import { HostCertificates } from './routing/load-balancer';
import { WafMode } from './routing/web-application-firewall';
import { NetworkAclTier } from './segmentation/network-acl-options';
import { TaskEgress } from './segmentation/task-egress';
import { Capacity } from './services/capacity';

/**
 * The types of the props of `EcsAdvancedNetworkProps` and `ServiceOptions` and of every struct they
 * hold, as the jsii assembly declares them (test/private/prop-tables.test.ts compares the two). Numbers
 * are `T.number` (a token is refused: the network computes with them, names resources after them or
 * compares them) unless a token goes into the template as it is (`T.deployTimeNumber`).
 */

const cdk = {
  vpc: T.object('ec2.IVpc', 'vpcId'),
  image: T.object('ecs.ContainerImage', 'bind', 'ecs.ContainerImage.fromRegistry(\'public.ecr.aws/nginx/nginx:stable\')'),
  secret: T.object('ecs.Secret', 'arn', 'ecs.Secret.fromSecretsManager(secret)'),
  certificate: T.object('acm.ICertificate', 'certificateArn'),
  peer: T.object('ec2.IPeer', 'toIngressRuleConfig', 'ec2.Peer.ipv4(\'10.0.0.0/8\')'),
  key: T.object('kms.IKey', 'keyArn'),
  role: T.object('iam.IRole', 'roleArn'),
};

const HEALTH_CHECK = T.struct('ContainerHealthCheck', {
  command: r(T.arrayOf(T.string)),
  interval: o(T.duration),
  timeout: o(T.duration),
  retries: o(T.number),
  startPeriod: o(T.duration),
});

const DEPENDENCY = T.struct('ContainerDependency', {
  containerName: r(T.string),
  condition: o(T.enumOf('ecs.ContainerDependencyCondition', ecs.ContainerDependencyCondition)),
});

/** The props a container takes, the application container's and a sidecar's. */
const CONTAINER: PropTable = {
  command: o(T.arrayOf(T.string)),
  environment: o(T.mapOf(T.string)),
  nonSecretEnvironment: o(T.arrayOf(T.string)),
  secrets: o(T.mapOf(cdk.secret)),
  readonlyRootFilesystem: o(T.boolean),
  writableDirectories: o(T.arrayOf(T.string)),
  user: o(T.string),
  keepCapabilities: o(T.arrayOf(T.enumOf('ecs.Capability', ecs.Capability))),
  dependsOn: o(T.arrayOf(DEPENDENCY)),
};

const SIDECAR = T.struct('SidecarOptions', {
  ...CONTAINER,
  name: r(T.string),
  image: r(cdk.image),
  memoryLimitMiB: o(T.number),
  cpu: o(T.number),
  essential: o(T.boolean),
  containerPorts: o(T.arrayOf(T.number)),
  healthCheck: o(HEALTH_CHECK),
});

const TARGET_HEALTH_CHECK = T.struct('HealthCheckOptions', {
  path: o(T.string),
  interval: o(T.duration),
  timeout: o(T.duration),
  healthyThresholdCount: o(T.number),
  unhealthyThresholdCount: o(T.number),
  healthyHttpCodes: o(T.string),
  protocol: o(T.enumOf('elbv2.Protocol', elbv2.Protocol)),
  healthyGrpcCodes: o(T.string),
});

const ROUTING = T.struct('RoutingOptions', {
  access: o(T.enumOf('IngressAccess', IngressAccess)),
  pathPatterns: o(T.arrayOf(T.string)),
  hostHeaders: o(T.arrayOf(T.string)),
  httpHeaders: o(T.mapOf(T.arrayOf(T.string))),
  httpMethods: o(T.arrayOf(T.string)),
  priority: o(T.number),
  healthCheck: o(TARGET_HEALTH_CHECK),
  stickiness: o(T.duration),
  deregistrationDelay: o(T.duration),
  slowStart: o(T.duration),
  protocol: o(T.enumOf('elbv2.ApplicationProtocol', elbv2.ApplicationProtocol)),
  protocolVersion: o(T.enumOf('elbv2.ApplicationProtocolVersion', elbv2.ApplicationProtocolVersion)),
});

const NAMED_PORT = T.struct('NamedPortOptions', {
  name: r(T.string),
  containerPort: r(T.number),
  containerName: o(T.string),
  routing: o(ROUTING),
  discoverable: o(T.boolean),
  appProtocol: o(T.object('ecs.AppProtocol')),
});

const NETWORK_LISTENER = T.struct('NetworkListenerOptions', {
  loadBalancer: r(T.string),
  port: r(T.number),
  protocol: o(T.enumOf('elbv2.Protocol', elbv2.Protocol)),
  containerPort: o(T.number),
  certificate: o(cdk.certificate),
  sslPolicy: o(T.enumOf('elbv2.SslPolicy', elbv2.SslPolicy)),
  tlsToTargets: o(T.boolean),
  healthCheck: o(T.struct('NetworkLoadBalancerHealthCheckOptions', {
    protocol: o(T.enumOf('elbv2.Protocol', elbv2.Protocol)),
    path: o(T.string),
    port: o(T.number),
    interval: o(T.duration),
    thresholdCount: o(T.number),
  })),
  preserveClientIp: o(T.boolean),
  deregistrationDelay: o(T.duration),
});

const EGRESS_DESTINATION = T.struct('EgressDestination', {
  cidr: o(T.string),
  prefixListId: o(T.string),
  port: r(T.number),
  toPort: o(T.number),
  protocol: o(T.enumOf('ec2.Protocol', ec2.Protocol)),
  description: o(T.string),
});

/** Alarm thresholds: compared with their ranges and printed in alarm descriptions, so known at synth time. */
const SERVICE_MONITORING: PropTable = {
  enabled: o(T.boolean),
  evaluationPeriods: o(T.number),
  cpuUtilizationPercent: o(T.number),
  memoryUtilizationPercent: o(T.number),
  target5xxCount: o(T.number),
  targetResponseTimeSeconds: o(T.number),
  unhealthyHostCount: o(T.number),
};

/** `ServiceOptions`. */
export const SERVICE_OPTIONS: PropTable = {
  ...CONTAINER,
  image: r(cdk.image),
  containerPort: o(T.number),
  cpu: o(T.number),
  memoryLimitMiB: o(T.number),
  // the ECS service's DesiredCount as it is; the report and the address check skip a token
  desiredCount: o(T.deployTimeNumber),
  minHealthyPercent: o(T.number),
  maxHealthyPercent: o(T.number),
  healthCheckGracePeriod: o(T.duration),
  spot: o(T.boolean),
  capacity: o(T.factory(Capacity, 'Capacity.fargateSpot()')),
  sidecars: o(T.arrayOf(SIDECAR)),
  containerHealthCheck: o(HEALTH_CHECK),
  additionalPorts: o(T.arrayOf(NAMED_PORT)),
  cpuArchitecture: o(T.object('ecs.CpuArchitecture', undefined, 'ecs.CpuArchitecture.ARM64')),
  enableExecuteCommand: o(T.boolean),
  nestedStack: o(T.number),
  routing: o(ROUTING),
  networkListeners: o(T.arrayOf(NETWORK_LISTENER)),
  discovery: o(T.factory(Discovery, 'Discovery.serviceConnect()')),
  serviceConnectTls: o(T.boolean),
  connectsTo: o(T.arrayOf(T.string)),
  egressTo: o(T.arrayOf(EGRESS_DESTINATION)),
  httpsEgress: o(T.boolean),
  callsInternalLoadBalancer: o(T.boolean),
  allowedDomains: o(T.arrayOf(T.string)),
  // checked against logs.RetentionDays by validateLogRetention, with its own message
  logRetention: o(T.number),
  monitoring: o(T.struct('ServiceMonitoringOptions', SERVICE_MONITORING)),
  deployment: o(T.factory(ServiceDeployment, 'ServiceDeployment.blueGreen()')),
};

/** `ServiceDefinition`: a `services` entry. */
const SERVICE_DEFINITION: PropType = T.struct('ServiceDefinition', { ...SERVICE_OPTIONS, name: r(T.string) });

const LOAD_BALANCER = T.struct('LoadBalancerOptions', {
  enabled: o(T.boolean),
  internetFacing: o(T.boolean),
  ipAddressType: o(T.enumOf('elbv2.IpAddressType', elbv2.IpAddressType)),
  certificate: o(cdk.certificate),
  additionalCertificates: o(T.arrayOf(cdk.certificate)),
  hostedZone: o(T.object('route53.IHostedZone', 'zoneName')),
  hostCertificates: o(T.enumOf('HostCertificates', HostCertificates)),
  maxLoadBalancers: o(T.number),
  sslPolicy: o(T.enumOf('elbv2.SslPolicy', elbv2.SslPolicy)),
  mutualTls: o(T.struct('MutualTlsOptions', {
    mode: o(T.enumOf('elbv2.MutualAuthenticationMode', elbv2.MutualAuthenticationMode)),
    trustStore: o(T.object('elbv2.ITrustStore', 'trustStoreArn')),
    ignoreClientCertificateExpiry: o(T.boolean),
    advertiseTrustStoreCaNames: o(T.boolean),
  })),
  ingressPeers: o(T.arrayOf(cdk.peer)),
  idleTimeout: o(T.duration),
  accessLogs: o(T.boolean),
  accessLogsBucket: o(T.object('s3.IBucket', 'bucketName')),
  deletionProtection: o(T.boolean),
  webAclArn: o(T.string),
  webApplicationFirewall: o(T.struct('WebApplicationFirewallOptions', {
    mode: r(T.enumOf('WafMode', WafMode)),
    rateLimit: o(T.number),
    logRetention: o(T.number),
  })),
});

/** `EcsAdvancedNetworkProps`. */
export const NETWORK_PROPS: PropTable = {
  vpc: o(cdk.vpc),
  maxAzs: o(T.number),
  ipAddresses: o(T.object('ec2.IIpAddresses', 'allocateVpcCidr', 'ec2.IpAddresses.cidr(\'10.0.0.0/16\')')),
  egress: o(T.factory(Egress, 'Egress.natGatewayPerAz()')),
  ipStack: o(T.factory(IpStack, 'IpStack.dualStack()')),
  subnets: o(T.struct('SubnetLayoutOptions', {
    publicCidrMask: o(T.number),
    privateCidrMask: o(T.number),
    isolatedSubnets: o(T.boolean),
    isolatedCidrMask: o(T.number),
  })),
  taskSubnets: o(T.object('ec2.SubnetSelection')),
  taskEgress: o(T.factory(TaskEgress, 'TaskEgress.leastPrivilege()')),
  egressDomains: o(T.struct('EgressDomainsOptions', {
    allowedDomains: r(T.arrayOf(T.string)),
    enforcement: o(T.enumOf('DomainEnforcement', DomainEnforcement)),
    blockResponse: o(T.enumOf('DnsBlockResponse', DnsBlockResponse)),
  })),
  endpoints: o(T.struct('EndpointOptions', {
    s3Gateway: o(T.boolean),
    fargateEndpoints: o(T.boolean),
    serviceEndpoints: o(T.boolean),
    additionalServices: o(T.arrayOf(T.object('ec2.InterfaceVpcEndpointAwsService', 'name', 'ec2.InterfaceVpcEndpointAwsService.SQS'))),
    policies: o(T.boolean),
    s3Buckets: o(T.arrayOf(T.object('s3.IBucket', 'bucketName'))),
    organizationId: o(T.string),
  })),
  flowLogs: o(T.struct('FlowLogOptions', {
    enabled: o(T.boolean),
    destination: o(T.object('ec2.FlowLogDestination', 'bind')),
    retention: o(T.number),
    trafficType: o(T.enumOf('ec2.FlowLogTrafficType', ec2.FlowLogTrafficType)),
    logFormat: o(T.arrayOf(T.object('ec2.LogFormat', 'value'))),
    maxAggregationInterval: o(T.enumOf('ec2.FlowLogMaxAggregationInterval', ec2.FlowLogMaxAggregationInterval)),
  })),
  clusterName: o(T.string),
  loadBalancer: o(LOAD_BALANCER),
  internalLoadBalancer: o(LOAD_BALANCER),
  networkLoadBalancers: o(T.arrayOf(T.struct('NetworkLoadBalancerOptions', {
    name: r(T.string),
    internetFacing: o(T.boolean),
    ingressPeers: o(T.arrayOf(cdk.peer)),
    crossZoneEnabled: o(T.boolean),
    elasticIps: o(T.factory(ElasticIps, 'ElasticIps.allocate()')),
    forwardToApplicationLoadBalancer: o(T.enumOf('IngressAccess', IngressAccess)),
    endpointService: o(T.struct('EndpointServiceOptions', {
      allowedPrincipals: o(T.arrayOf(T.object('iam.ArnPrincipal', 'arn', 'new iam.ArnPrincipal(\'arn:aws:iam::123456789012:root\')'))),
      acceptanceRequired: o(T.boolean),
    })),
    deletionProtection: o(T.boolean),
  }))),
  namespaceName: o(T.string),
  logsEncryptionKey: o(cdk.key),
  logRetention: o(T.number),
  deployment: o(T.factory(ServiceDeployment, 'ServiceDeployment.blueGreen()')),
  services: o(T.arrayOf(SERVICE_DEFINITION)),
  servicePlacement: o(T.struct('ServicePlacementOptions', { nestedStacks: o(T.number) })),
  assignmentsFile: o(T.string),
  report: o(T.struct('NetworkReportOptions', {
    writeToAssembly: o(T.boolean),
    costAssumptions: o(T.struct('CostAssumptions', {
      egressGbPerMonth: o(T.number),
      loadBalancerCapacityUnits: o(T.number),
      logGbPerServicePerMonth: o(T.number),
      flowLogGbPerMonth: o(T.number),
      webRequestsMillionsPerMonth: o(T.number),
    })),
  })),
  monitoring: o(T.struct('MonitoringOptions', {
    ...SERVICE_MONITORING,
    alarmActions: o(T.arrayOf(T.object('cloudwatch.IAlarmAction', 'bind'))),
    loadBalancer5xxCount: o(T.number),
    networkLoadBalancerResetCount: o(T.number),
    tlsNegotiationErrorCount: o(T.number),
    natGatewayErrorPortAllocationCount: o(T.number),
    natGatewayPacketsDropCount: o(T.number),
    rejectedFlowsCount: o(T.number),
    dashboard: o(T.boolean),
    deploymentAlarms: o(T.boolean),
  })),
  networkAcls: o(T.struct('NetworkAclOptions', {
    enabled: o(T.boolean),
    additionalRules: o(T.arrayOf(T.struct('NetworkAclRule', {
      tier: r(T.enumOf('NetworkAclTier', NetworkAclTier)),
      ruleNumber: r(T.number),
      direction: r(T.enumOf('ec2.TrafficDirection', ec2.TrafficDirection)),
      cidr: r(T.string),
      traffic: r(T.object('ec2.AclTraffic', 'toTrafficConfig', 'ec2.AclTraffic.tcpPort(443)')),
      action: r(T.enumOf('ec2.Action', ec2.Action)),
    }))),
  })),
  encryptionInTransit: o(T.struct('EncryptionInTransitOptions', {
    required: o(T.boolean),
    serviceConnectTls: o(T.boolean),
    certificateAuthority: o(T.object('acmpca.ICertificateAuthority', 'certificateAuthorityArn')),
    kmsKey: o(cdk.key),
    serviceConnectTlsRole: o(cdk.role),
  })),
};

/** Throws unless the network's props have the types of `EcsAdvancedNetworkProps` (from plain JavaScript or another jsii language). */
export function checkNetworkProps(props: unknown): void {
  checkProps('', props as object, 'EcsAdvancedNetworkProps', NETWORK_PROPS);
}

/** Throws unless `addService()`'s arguments have their types; the props are named `<name>.<prop>`. */
export function checkServiceOptions(name: unknown, options: unknown): void {
  if (typeof name !== 'string') {
    throw invalidProp('name', 'must be a string, the name of the service', name, 'Give the service a name: `addService(\'web\', { image })`.');
  }
  checkProps(name, options as object, 'ServiceOptions', SERVICE_OPTIONS);
}
