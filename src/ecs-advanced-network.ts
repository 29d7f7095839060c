import { attachCustomSynthesis, Fn, NestedStack, Stack, Token } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as cloudmap from 'aws-cdk-lib/aws-servicediscovery';
import type * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { ServiceDeployment } from './deployments/service-deployment';
import { validateDeploymentOptions } from './deployments/validate-deployment';
import type { CallParty } from './discovery/declared-calls';
import { CrossStackCallRules, validateCall } from './discovery/declared-calls';
import { DiscoveryMode } from './discovery/discovery';
import type { EncryptionInTransitOptions } from './encryption/encryption-options';
import { plaintextErrors } from './encryption/plaintext-edges';
import { ServiceConnectTls, validateEncryptionOptions } from './encryption/service-connect-tls';
import { Ingress } from './ingress/ingress';
import type { IngressLoadBalancer } from './ingress/ingress-load-balancer';
import { createNetworkLoadBalancer, forwardToApplicationLoadBalancer, validateNetworkLoadBalancers } from './layer4/create-layer4';
import type { Layer4LoadBalancer } from './layer4/layer4-load-balancer';
import type { NetworkLoadBalancerOptions } from './layer4/layer4-options';
import type { ListenerClaims } from './layer4/service-listener';
import { checkDeployLimits } from './limits/check-limits';
import { createFlowLog } from './network/create-flow-log';
import { Egress } from './network/egress';
import type { EndpointOptions } from './network/endpoints';
import { NetworkEndpoints } from './network/endpoints';
import { FARGATE_ENDPOINTS } from './network/fargate-endpoints';
import type { FlowLogOptions } from './network/flow-logs';
import { IpStack } from './network/ip-stack';
import { createLogsKey } from './network/logs-key';
import { subnetCapacityError } from './network/subnet-capacity';
import type { SubnetLayoutOptions } from './network/subnet-layout';
import type { NetworkLayout } from './network/vpc';
import { buildNetworkLayout, natGatewaysOf, natSourceCidrsOf, SUBNET_GROUP, taskSubnetCidrsOf } from './network/vpc';
import type { MonitoringOptions } from './observability/monitoring-options';
import { NetworkMonitoring } from './observability/network-monitoring';
import { validateLogRetention } from './private/log-retention';
import { DNS_LABEL, invalidProp, regionOfArn, requireInstanceOf, requireSameRegion, reserveUniqueName } from './private/validation';
import type { CostAssumptions } from './report/cost-types';
import { buildNetworkReport, writeNetworkReport } from './report/network-report';
import type { NetworkReport, NetworkReportOptions } from './report/report-types';
import { IngressAccess } from './routing/ingress-access';
import type { LoadBalancerOptions } from './routing/load-balancer';
import { isCatchAll } from './routing/router';
import type { NetworkAclOptions } from './segmentation/network-acl-options';
import { createNetworkAcls } from './segmentation/network-acls';
import { TaskEgress } from './segmentation/task-egress';
import type { NetworkContext } from './services/network-context';
import { NetworkService } from './services/network-service';
import type { ServiceDefinition, ServiceOptions } from './services/service-options';
import type { ResolvedPlacement } from './services/service-placement';
import { nextPlacement, resolvePlacement } from './services/service-placement';
import type { ServicePlacementOptions } from './services/service-placement-options';

/**
 * Props of `EcsAdvancedNetwork`. Every prop is optional: `new EcsAdvancedNetwork(this, 'Network')`
 * builds a two-AZ VPC with a NAT gateway per AZ, flow logs, an S3 gateway endpoint, a cluster with
 * Container Insights, an internet-facing load balancer and a Service Connect namespace.
 */
export interface EcsAdvancedNetworkProps {
  /**
   * An existing VPC to build on, instead of creating one. It needs private (or isolated) subnets in
   * two Availability Zones and, for an internet-facing load balancer, public subnets in two.
   * Cannot be combined with `maxAzs`, `ipAddresses`, `egress` or `subnets`.
   *
   * @default - a new VPC is created
   */
  readonly vpc?: ec2.IVpc;

  /**
   * How many Availability Zones the new VPC spans (at least 2). An environment-agnostic stack sees
   * only two; give the stack an `env` to use more.
   *
   * @default 2
   */
  readonly maxAzs?: number;

  /**
   * The address range of the new VPC.
   *
   * @default ec2.IpAddresses.cidr('10.0.0.0/16')
   */
  readonly ipAddresses?: ec2.IIpAddresses;

  /**
   * How tasks reach the internet.
   *
   * @default Egress.natGatewayPerAz()
   */
  readonly egress?: Egress;

  /**
   * The IP addressing: IPv4 only, a dual-stack VPC (tasks with IPv4 and IPv6 addresses, IPv6 egress
   * through a free egress-only internet gateway), or IPv6-only tasks. Combines with every `egress`.
   * With an imported `vpc`, `IpStack.dualStack()` declares that the VPC is dual-stack (checked).
   *
   * @default IpStack.ipv4Only()
   */
  readonly ipStack?: IpStack;

  /**
   * Sizes and tiers of the new VPC's subnets.
   *
   * @default - public /24 and private /20 per Availability Zone, no isolated tier
   */
  readonly subnets?: SubnetLayoutOptions;

  /**
   * Where tasks run in an imported `vpc`.
   *
   * @default - the private subnets with egress, else the isolated subnets
   */
  readonly taskSubnets?: ec2.SubnetSelection;

  /**
   * What the tasks' security groups let out. With least privilege, a service sends only to its
   * declared callees, the VPC endpoints, HTTPS (443) to any address unless it turns that off
   * (`httpsEgress`), and the destinations it declares (`egressTo`).
   *
   * @default TaskEgress.leastPrivilege()
   */
  readonly taskEgress?: TaskEgress;

  /**
   * Which VPC endpoints to create.
   *
   * @default - the S3 gateway; ECR and CloudWatch Logs interface endpoints when tasks have no NAT
   * route; Secrets Manager, SSM and SSM Messages endpoints when the services need them
   */
  readonly endpoints?: EndpointOptions;

  /**
   * VPC Flow Logs.
   *
   * @default - all traffic to a CloudWatch Logs group kept one year (new VPC only)
   */
  readonly flowLogs?: FlowLogOptions;

  /**
   * The name of the ECS cluster.
   *
   * @default - a name generated by CloudFormation
   */
  readonly clusterName?: string;

  /**
   * The network's first Application Load Balancer, created with it, and the others of its kind:
   * internet-facing ones (the default), or internal ones when `internetFacing` is false.
   *
   * @default - internet-facing, HTTP on port 80 open to any IPv4 address, access logs on
   */
  readonly loadBalancer?: LoadBalancerOptions;

  /**
   * The internal Application Load Balancers, in the task subnets, for routes with
   * `access: IngressAccess.INTERNAL` or `PUBLIC_AND_INTERNAL` while `loadBalancer` is internet-facing.
   * The first is created with the first such route. Not with an internal `loadBalancer`, which
   * describes the internal ones then.
   *
   * @default - created when a route needs one: HTTP on port 80 from the VPC CIDR (HTTPS with
   * certificates from the public zone of `loadBalancer.hostedZone`, when there is one), access logs on
   */
  readonly internalLoadBalancer?: LoadBalancerOptions;

  /**
   * Network Load Balancers (TCP, UDP, TLS), which services reach through their `networkListeners`:
   * with fixed addresses, in front of the HTTP routes of an Application Load Balancer, or published
   * over AWS PrivateLink.
   *
   * @default - none
   */
  readonly networkLoadBalancers?: NetworkLoadBalancerOptions[];

  /**
   * The name of the private DNS namespace for Service Connect and Cloud Map (a DNS name).
   *
   * @default - `<construct id in lower case>.internal`
   */
  readonly namespaceName?: string;

  /**
   * The KMS key that encrypts the log groups the network creates (flow logs, services). Its key
   * policy must let the CloudWatch Logs service principal of the region use it.
   *
   * @default - a customer managed key with rotation, usable by CloudWatch Logs of this account and
   * region only; and one such key in each nested stack of services, for the log groups there
   */
  readonly logsEncryptionKey?: kms.IKey;

  /**
   * How long the services' log groups keep records.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * How services deploy a new revision unless they give their own `deployment`, for example
   * `ServiceDeployment.blueGreen()` for every routed service. A strategy that shifts traffic needs a
   * route or a Service Connect endpoint on each service that takes it from here.
   *
   * @default ServiceDeployment.rolling()
   */
  readonly deployment?: ServiceDeployment;

  /**
   * Services to create with the network. More can be added with `addService()`.
   *
   * @default - none
   */
  readonly services?: ServiceDefinition[];

  /**
   * Which stack each service goes into: the first ones into the network's stack, the next ones into
   * nested stacks, so that a network of 100 services stays under the 500-resource limit per stack.
   *
   * @default - 20 services in the network's stack, then nested stacks of 20
   */
  readonly servicePlacement?: ServicePlacementOptions;

  /**
   * The network report (reachability, subnets, monthly cost) that synthesis writes into the cloud assembly.
   *
   * @default - written as `<construct path>-network-report.md` and `.json`, with the default cost assumptions
   */
  readonly report?: NetworkReportOptions;

  /**
   * Alarms, a dashboard of the network path and saved flow-log queries.
   *
   * @default - on: every alarm with its default threshold, notifying a topic the network creates; the dashboard; the queries
   */
  readonly monitoring?: MonitoringOptions;

  /**
   * Network ACLs for the subnet tiers of the new VPC, a stateless second layer under the security
   * groups: inside the VPC everything, from the internet only the listener ports and return traffic.
   *
   * @default - off: no network ACL beyond the VPC's default
   */
  readonly networkAcls?: NetworkAclOptions;

  /**
   * Encryption in transit: Service Connect TLS between the services (with an AWS Private CA given or
   * created), and a switch (`required`) that makes every plaintext edge a synth error.
   *
   * @default - no Service Connect TLS; plaintext edges allowed, and marked in the report
   */
  readonly encryptionInTransit?: EncryptionInTransitOptions;
}

/**
 * A production-grade Amazon ECS network: VPC, endpoints, cluster, load balancer, service discovery
 * and any number of hardened Fargate services with deterministic routing and least-privilege
 * security groups.
 */
export class EcsAdvancedNetwork extends Construct {
  /** The VPC, created or imported. */
  public readonly vpc: ec2.IVpc;
  /** Where the tasks run. */
  public readonly taskSubnets: ec2.SubnetSelection;
  /** The egress choice; undefined for an imported VPC. */
  public readonly egress?: Egress;
  /** The IP addressing of the network. */
  public readonly ipStack: IpStack;
  /** Whether the tasks reach the internet through NAT (of the egress choice, or of the imported VPC's task subnets). */
  public readonly tasksHaveNatRoute: boolean;
  /** What the tasks' security groups let out. */
  public readonly taskEgress: TaskEgress;
  /** The VPC endpoints. */
  public readonly endpoints: NetworkEndpoints;
  /** The KMS key of the network's log groups. */
  public readonly logsEncryptionKey: kms.IKey;
  /** The VPC flow log, when on. */
  public readonly flowLog?: ec2.FlowLog;
  /** The log group of the flow log, when the network owns it. */
  public readonly flowLogGroup?: logs.ILogGroup;
  /** The ECS cluster, with Container Insights on. */
  public readonly cluster: ecs.Cluster;
  /** The private DNS namespace for Service Connect and Cloud Map. */
  public readonly cloudMapNamespace: cloudmap.INamespace;
  /** The network's first load balancer (of the kind `loadBalancer` describes), unless disabled; `loadBalancers` has them all. */
  public readonly loadBalancer?: elbv2.ApplicationLoadBalancer;
  /**
   * The HTTP listener of the first load balancer (redirecting to HTTPS when there is a certificate). With a
   * certificate it carries cdk-nag acknowledgements for having none itself: do not add plain-HTTP routes to it.
   */
  public readonly httpListener?: elbv2.ApplicationListener;
  /** The HTTPS listener of the first load balancer, when there is a certificate. */
  public readonly httpsListener?: elbv2.ApplicationListener;
  /** The listener of the first load balancer that carries its routes. */
  public readonly routingListener?: elbv2.ApplicationListener;
  /**
   * The security group that every routed task carries: each load balancer's egress goes to it, one rule
   * per container port, and each service's own group admits its load balancers on its port only.
   */
  public readonly loadBalancerTargets?: ec2.SecurityGroup;
  /** The bucket of the access logs of the first load balancer (the network's own bucket holds those of all its load balancers). */
  public readonly accessLogsBucket?: s3.IBucket;
  /** The association of `loadBalancer.webAclArn` with the first load balancer, when a web ACL was given. */
  public readonly webAclAssociation?: wafv2.CfnWebACLAssociation;
  /** The Network Load Balancers, in the order of `networkLoadBalancers`. */
  public readonly networkLoadBalancers: Layer4LoadBalancer[];
  /** The network ACLs of the subnet tiers, when `networkAcls.enabled` is true (public, private, then isolated). */
  public readonly networkAcls: ec2.NetworkAcl[];
  /** The alarms, dashboard and flow-log queries; undefined when `monitoring.enabled` is false. */
  public readonly monitoring?: NetworkMonitoring;

  private readonly layout: NetworkLayout;
  private readonly ingress?: Ingress;
  private readonly listenerClaims: ListenerClaims = new Map();
  private readonly serviceEndpoints: boolean;
  private readonly logRetention: logs.RetentionDays;
  private readonly deployment: ServiceDeployment;
  private readonly servicesByName = new Map<string, NetworkService>();
  private readonly discoveryNames = new Map<string, string>();
  private cachedContext?: NetworkContext;
  private readonly pendingCalls: { caller: NetworkService; callee: string }[] = [];
  private readonly placement: ResolvedPlacement;
  private readonly nestedStacks: NestedStack[] = [];
  /** The keys of the log groups of the services in each nested stack, when the network owns its key. */
  private readonly stackLogsKeys = new Map<Stack, kms.IKey>();
  private readonly ownsLogsKey: boolean;
  private readonly reportOptions: NetworkReportOptions;
  private readonly tls: ServiceConnectTls;

  constructor(scope: Construct, id: string, props: EcsAdvancedNetworkProps = {}) {
    super(scope, id);
    const lb = props.loadBalancer ?? {};
    const lbEnabled = lb.enabled ?? true;
    this.validateLoadBalancerChoice(lbEnabled, lb);
    const publicIngress = lbEnabled && (lb.internetFacing ?? true);
    const namespaceName = props.namespaceName ?? `${id.toLowerCase().replace(/[^a-z0-9-]/g, '-')}.internal`;
    validateNamespaceName(namespaceName);
    validateClusterName(props.clusterName);
    validateLogRetention('logRetention', props.logRetention);
    validateLogRetention('flowLogs.retention', props.flowLogs?.retention);
    requireInstanceOf('egress', props.egress, Egress, 'Egress.natGatewayPerAz()');
    requireInstanceOf('ipStack', props.ipStack, IpStack, 'IpStack.dualStack()');
    requireInstanceOf('taskEgress', props.taskEgress, TaskEgress, 'TaskEgress.leastPrivilege()');
    validateDeploymentOptions('deployment', props.deployment);
    this.deployment = props.deployment ?? ServiceDeployment.rolling();
    this.taskEgress = props.taskEgress ?? TaskEgress.leastPrivilege();
    requireSameRegion('logsEncryptionKey', props.logsEncryptionKey?.env.region, this, 'Use a KMS key of the stack\'s region (CloudWatch Logs encrypts with keys of its own region only).');
    requireSameRegion('loadBalancer.certificate', regionOfArn(lb.certificate?.certificateArn), this, 'Use an ACM certificate of the stack\'s region (a load balancer takes certificates of its own region only).');
    this.placement = resolvePlacement(props.servicePlacement);
    this.reportOptions = props.report ?? {};
    validateEncryptionOptions(this, props.encryptionInTransit ?? {});
    this.tls = new ServiceConnectTls(this, props.encryptionInTransit ?? {});

    // network
    this.layout = buildNetworkLayout(this, {
      vpc: props.vpc,
      maxAzs: props.maxAzs,
      ipAddresses: props.ipAddresses,
      egress: props.egress,
      subnets: props.subnets,
      taskSubnets: props.taskSubnets,
      ipStack: props.ipStack,
      internetFacing: publicIngress,
    });
    this.vpc = this.layout.vpc;
    this.taskSubnets = this.layout.taskSubnets;
    this.egress = this.layout.egress;
    this.ipStack = this.layout.ipStack;
    this.tasksHaveNatRoute = this.layout.tasksHaveNatRoute;
    this.logsEncryptionKey = props.logsEncryptionKey ?? createLogsKey(this);
    this.ownsLogsKey = props.logsEncryptionKey === undefined;
    if (props.flowLogs?.enabled ?? this.layout.created) {
      const fl = createFlowLog(this, this.vpc, props.flowLogs ?? {}, this.logsEncryptionKey);
      this.flowLog = fl.flowLog;
      this.flowLogGroup = fl.logGroup;
    }

    // endpoints
    const endpointOptions = props.endpoints ?? {};
    this.validateEgressPath(endpointOptions);
    this.endpoints = new NetworkEndpoints(this, 'Endpoints', {
      ...endpointOptions,
      vpc: this.vpc,
      subnets: this.taskSubnets,
      s3Gateway: endpointOptions.s3Gateway ?? (this.layout.created || !this.layout.tasksHaveNatRoute),
      fargateEndpoints: endpointOptions.fargateEndpoints ?? !this.layout.tasksHaveNatRoute,
    });
    this.serviceEndpoints = endpointOptions.serviceEndpoints ?? true;

    // cluster and namespace
    reserveNamespace(this, namespaceName);
    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc: this.vpc,
      clusterName: props.clusterName,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
      enableFargateCapacityProviders: true,
      defaultCloudMapNamespace: {
        name: namespaceName,
        type: cloudmap.NamespaceType.DNS_PRIVATE,
        vpc: this.vpc,
        useForServiceConnect: true,
      },
    });
    this.cloudMapNamespace = this.cluster.defaultCloudMapNamespace!;
    this.logRetention = props.logRetention ?? logs.RetentionDays.ONE_YEAR;

    // ingress: the first load balancer now, the others (internal, or when routes fill one) as routes need them
    if (lbEnabled || (props.internalLoadBalancer !== undefined && props.internalLoadBalancer.enabled !== false)) {
      this.ingress = new Ingress(this, {
        layout: this.layout,
        loadBalancer: lb,
        internalLoadBalancer: props.internalLoadBalancer,
        onLoadBalancer: added => this.monitoring?._addLoadBalancer(added),
      });
      const first = this.ingress.loadBalancers[0];
      this.loadBalancer = first?.loadBalancer;
      this.httpListener = first?.httpListener;
      this.httpsListener = first?.httpsListener;
      this.routingListener = first?.routingListener;
      this.accessLogsBucket = first && this.ingress.accessLogsBucketOf(first);
      this.webAclAssociation = first?.webAclAssociation;
      this.loadBalancerTargets = this.ingress.targets;
    }

    // Network Load Balancers: layer 4, fixed addresses, PrivateLink; services add their listeners
    this.networkLoadBalancers = this.createNetworkLoadBalancers(props.networkLoadBalancers ?? []);

    // network ACLs per subnet tier (opt-in), from the same model as the security groups
    this.networkAcls = this.createNetworkAcls(props.networkAcls ?? {}, {
      internetFacing: publicIngress,
      https: this.httpsListener !== undefined,
      isolatedTier: props.subnets?.isolatedSubnets ?? false,
    });

    // observability: alarms, dashboard and flow-log queries; each service joins it as it is linked
    if (props.monitoring?.enabled ?? true) {
      this.monitoring = new NetworkMonitoring(this, 'Monitoring', {
        vpc: this.vpc,
        loadBalancer: this.loadBalancer,
        flowLog: this.flowLog,
        flowLogGroup: this.flowLogGroup,
        natGatewayIds: natGatewaysOf(this.layout).map(nat => nat.ref),
        natSourceCidrs: natSourceCidrsOf(this.layout),
        taskSubnetCidrs: taskSubnetCidrsOf(this.layout),
        vpcIpv6Cidr: this.ipStack.ipv6 ? Fn.select(0, (this.vpc as ec2.Vpc).vpcIpv6CidrBlocks) : undefined,
        options: props.monitoring,
      });
      // load balancers created before the monitoring (an internal one a Network Load Balancer forwards to)
      this.loadBalancers.slice(1).forEach(added => this.monitoring!._addLoadBalancer(added));
      this.networkLoadBalancers.forEach(nlb => this.monitoring!._addNetworkLoadBalancer(nlb));
    }

    // services, then the calls they declare (callees may be declared after their callers)
    (props.services ?? []).forEach(({ name, ...options }) => this.addService(name, options));
    this.node.addValidation({ validate: () => this.pendingCalls.map(c => `\`${c.caller.serviceName}.connectsTo\` names \`${c.callee}\`, which is not a service of this network, got: ${JSON.stringify(c.callee)}. Add the service, or remove it from \`connectsTo\`.`) });

    // AWS's deploy-time limits, checked on what synthesis writes: templates, security-group rules;
    // and the addresses the tasks need in their subnets, once every service is added
    checkDeployLimits(this);
    this.node.addValidation({ validate: () => this.validateTaskAddresses() });
    // with encryption in transit required, every plaintext edge, once every service is added
    if (this.tls.required) this.node.addValidation({ validate: () => plaintextErrors(this) });

    // report, written into the cloud assembly once everything is added
    if (this.reportOptions.writeToAssembly ?? true) {
      attachCustomSynthesis(this, { onSynthesize: session => writeNetworkReport(this, session.outdir, this.reportOptions.costAssumptions) });
    }
  }

  /**
   * Adds a Fargate service to the network and returns it for further configuration.
   *
   * @param name the service name, unique in the network: a DNS label (lower-case letters, digits and hyphens, not starting or ending with a hyphen, at most 63 characters)
   * @param options the service
   */
  public addService(name: string, options: ServiceOptions): NetworkService {
    // checked before the construct exists: its id is the name, and a taken id fails with a generic message
    this.validateUniqueName(name);
    const { scope, created } = this.placeService(options);
    // a construct of that id that is not a service (the user's own) must survive a failed addService
    const existing = scope.node.tryFindChild(name);
    try {
      return new NetworkService(scope, name, { ...options, network: this });
    } catch (e) {
      // nothing of a service that failed stays behind, so that the same name can be added again;
      // a nested stack without its first service would synthesize into an empty, invalid template
      if (!existing) scope.node.tryRemoveChild(name);
      if (created) this.removeNestedStack(created);
      throw e;
    }
  }

  /**
   * What the network built: who can reach whom (internet, load balancer, services, endpoints, NAT),
   * the subnets and Availability Zones, and a monthly cost estimate with the egress choices side by
   * side; as data, Markdown with a Mermaid diagram, and JSON.
   *
   * @param costAssumptions the usage the cost estimate assumes (default: `report.costAssumptions` of the props)
   */
  public report(costAssumptions?: CostAssumptions): NetworkReport {
    return buildNetworkReport(this, costAssumptions ?? this.reportOptions.costAssumptions);
  }

  /** The nested stacks that hold the services beyond `servicePlacement.servicesInNetworkStack`, in order. */
  public get serviceStacks(): NestedStack[] {
    return [...this.nestedStacks];
  }

  /**
   * Every load balancer of the network, in the order they were created: the first one, then the
   * internal ones and those added when routes filled one (an Application Load Balancer holds 100 routes).
   */
  public get loadBalancers(): IngressLoadBalancer[] {
    return this.ingress?.loadBalancers ?? [];
  }

  /** Whether `encryptionInTransit.required` forbids plaintext edges. */
  public get encryptionInTransitRequired(): boolean {
    return this.tls.required;
  }

  /**
   * The CA, KMS key and role of the Service Connect TLS endpoints, once a service uses TLS (the
   * network creates what `encryptionInTransit` does not give then).
   */
  public get serviceConnectTlsConfiguration(): ecs.ServiceConnectTlsConfiguration | undefined {
    return this.tls.created;
  }

  /** The services of the network, in declaration order. */
  public get services(): NetworkService[] {
    return [...this.servicesByName.values()];
  }

  /** The service with this name, if any. */
  public findService(name: string): NetworkService | undefined {
    return this.servicesByName.get(name);
  }

  /**
   * What the services build on.
   * @internal
   */
  public get _context(): NetworkContext {
    this.cachedContext ??= {
      cluster: this.cluster,
      layout: this.layout,
      endpoints: this.endpoints,
      serviceEndpoints: this.serviceEndpoints,
      ingress: this.ingress,
      networkLoadBalancers: new Map(this.networkLoadBalancers.map(n => [n.name, n])),
      listenerClaims: this.listenerClaims,
      cloudMapNamespace: this.cloudMapNamespace,
      logRetention: this.logRetention,
      logsEncryptionKey: this.logsEncryptionKey,
      stackLogsKeys: this.stackLogsKeys,
      taskEgress: this.taskEgress,
      crossStackRules: new CrossStackCallRules(this),
      deployment: this.deployment,
      serviceConnectTls: this.tls,
    };
    return this.cachedContext;
  }

  /**
   * Joins a service to the network, once, at the end of its constructor: reserves its names, records
   * it, hands it to the monitoring, and resolves the calls declared to it (earlier) and from it.
   * @internal
   */
  public _linkService(service: NetworkService, connectsTo: string[]): void {
    const waiting = this.pendingCalls.filter(c => c.callee === service.serviceName);
    this.servicesByName.set(service.serviceName, service);
    if (service.discoveryName !== undefined) this.discoveryNames.set(service.discoveryName, service.serviceName);
    this.monitoring?._addService(service);
    for (const pending of waiting) {
      pending.caller.connectTo(service);
      this.pendingCalls.splice(this.pendingCalls.indexOf(pending), 1);
    }
    connectsTo.forEach(callee => this.declareCall(service, callee));
  }

  /**
   * Throws unless a service about to be built can join the network: its name and discovery name are
   * free, and the calls declared to it (earlier) and from it are valid. Called first in the service's
   * constructor, so that a service that cannot join changes nothing (no route, rule or endpoint).
   * @internal
   */
  public _validateJoin(joining: CallParty, connectsTo: string[]): void {
    const discoveryName = joining.discovery.mode === DiscoveryMode.NONE ? undefined : joining.discovery.discoveryName ?? joining.serviceName;
    this.validateNames(joining.serviceName, discoveryName);
    this.pendingCalls.filter(c => c.callee === joining.serviceName).forEach(c => validateCall(c.caller, joining));
    for (const name of connectsTo) {
      const callee = name === joining.serviceName ? joining : this.servicesByName.get(name);
      if (callee) validateCall(joining, callee);
    }
  }

  /** The scope of the next service: the network, or the nested stack its place falls into (created when new). */
  private placeService(options: ServiceOptions): { scope: Construct; created?: NestedStack } {
    const scopes = this.services.map(s => s.node.scope);
    const inNetworkStack = scopes.filter(s => s === this).length;
    const inNestedStacks = scopes.filter(s => this.nestedStacks.includes(s as NestedStack)).length;
    const takesDefaultAction = this.ingress !== undefined && options.routing !== undefined && isCatchAll(options.routing);
    const index = nextPlacement(inNetworkStack, inNestedStacks, takesDefaultAction, this.placement);
    if (index === undefined) return { scope: this };
    const existing = this.nestedStacks[index];
    if (existing) return { scope: existing };
    const created = new NestedStack(this, `ServiceStack${index + 1}`, {
      description: `ecs-advanced-network ${this.node.path}: services, group ${index + 1}`,
    });
    this.nestedStacks.push(created);
    // A key of the stack's own: a key of the parent stack would reach the log groups as a stack
    // parameter, which Control Tower's CT.CLOUDWATCH.PR.3 cannot tell from no key at all.
    if (this.ownsLogsKey) this.stackLogsKeys.set(created, createLogsKey(created));
    return { scope: created, created };
  }

  private removeNestedStack(stack: NestedStack): void {
    this.nestedStacks.splice(this.nestedStacks.indexOf(stack), 1);
    this.stackLogsKeys.delete(stack);
    this.node.tryRemoveChild(stack.node.id);
    this.node.tryRemoveChild(`${stack.node.id}.NestedStack`);
  }

  private validateUniqueName(name: string): void {
    if (this.servicesByName.has(name)) {
      throw invalidProp('name', 'names a service that the network has already', name, 'Give every service a unique name.');
    }
  }

  private validateNames(name: string, discoveryName?: string): void {
    this.validateUniqueName(name);
    const owner = discoveryName !== undefined ? this.discoveryNames.get(discoveryName) : undefined;
    if (owner !== undefined) {
      throw invalidProp(`${name}.discovery.discoveryName`, `is used by service \`${owner}\` already`, discoveryName,
        'Give every service a unique discovery name.');
    }
  }

  /** Records a call declared by name; resolved as soon as the callee exists. */
  private declareCall(caller: NetworkService, callee: string): void {
    const target = this.servicesByName.get(callee);
    if (target) caller.connectTo(target);
    else this.pendingCalls.push({ caller, callee });
  }

  private validateLoadBalancerChoice(enabled: boolean, lb: LoadBalancerOptions): void {
    if (enabled) return;
    const conflicting = Object.entries(lb).filter(([k, v]) => k !== 'enabled' && v !== undefined).map(([k]) => k);
    if (conflicting.length > 0) {
      throw invalidProp('loadBalancer', 'has options while `loadBalancer.enabled` is false', conflicting,
        'Remove the options, or enable the load balancer.');
    }
  }

  private createNetworkLoadBalancers(all: NetworkLoadBalancerOptions[]): Layer4LoadBalancer[] {
    validateNetworkLoadBalancers(all, this.vpc.availabilityZones.length);
    const scope = all.length > 0 ? new Construct(this, 'NetworkLoadBalancers') : this;
    return all.map((options, i) => {
      const nlbScope = new Construct(scope, options.name);
      const nlb = createNetworkLoadBalancer(nlbScope, options, { layout: this.layout, accessLogsBucket: this.accessLogsBucket });
      if (options.forwardToApplicationLoadBalancer !== undefined) {
        const alb = this.ingress?.firstOf(options.forwardToApplicationLoadBalancer, `networkLoadBalancers[${i}].forwardToApplicationLoadBalancer`);
        if (!alb) {
          throw invalidProp(`networkLoadBalancers[${i}].forwardToApplicationLoadBalancer`, 'needs an Application Load Balancer, but the network has none',
            options.forwardToApplicationLoadBalancer, 'Enable `loadBalancer`, or remove `forwardToApplicationLoadBalancer`.');
        }
        forwardToApplicationLoadBalancer(nlbScope, nlb, alb);
      }
      return nlb;
    });
  }

  private createNetworkAcls(options: NetworkAclOptions, shape: { internetFacing: boolean; https: boolean; isolatedTier: boolean }): ec2.NetworkAcl[] {
    if (!(options.enabled ?? false)) {
      if (options.additionalRules?.length) {
        throw invalidProp('networkAcls.additionalRules', 'only apply when `networkAcls.enabled` is true', options.additionalRules.length,
          'Set `networkAcls.enabled` to true, or remove the rules.');
      }
      return [];
    }
    if (!this.layout.created) {
      throw invalidProp('networkAcls.enabled', 'only applies to a VPC the network creates: the ACLs of an imported VPC are its owner\'s', true,
        'Manage the network ACLs with the VPC, or let the network create the VPC.');
    }
    return createNetworkAcls(new Construct(this, 'NetworkAcls'), {
      vpc: this.vpc,
      vpcCidr: this.layout.cidrBlock ?? this.vpc.vpcCidrBlock,
      publicListenerPorts: shape.internetFacing ? (shape.https ? [80, 443] : [80]) : [],
      isolatedTier: shape.isolatedTier,
      subnetGroups: { public: SUBNET_GROUP.public, private: SUBNET_GROUP.private, isolated: SUBNET_GROUP.isolated },
      vpcIpv6Cidr: this.ipStack.ipv6 ? Fn.select(0, (this.vpc as ec2.Vpc).vpcIpv6CidrBlocks) : undefined,
      ipv6OnlyTaskSubnets: this.ipStack._ipv6OnlyTasks ? this.vpc.selectSubnets(this.taskSubnets).subnets : undefined,
    }, options);
  }

  private validateTaskAddresses(): string[] {
    const peaks = this.services.map(s => s._peakTaskCount);
    if (peaks.some(p => p === undefined)) return [];
    const error = subnetCapacityError({
      prop: this.layout.created ? 'subnets.privateCidrMask' : 'taskSubnets',
      subnets: this.vpc.selectSubnets(this.taskSubnets).subnets,
      peakTasks: peaks.reduce((a, b) => a! + b!, 0)!,
      interfaceEndpoints: Object.keys(this.endpoints.endpoints).length,
      loadBalancersInTaskSubnets: this.ingress?.loadBalancersOf(IngressAccess.INTERNAL).length ?? 0,
    });
    return error ? [error] : [];
  }

  private validateEgressPath(endpoints: EndpointOptions): void {
    if (this.layout.tasksHaveNatRoute) return;
    const where = this.layout.created ? '`egress` is `Egress.endpointsOnly()`' : 'the task subnets of the imported VPC have no NAT route';
    if (endpoints.fargateEndpoints === false) {
      throw invalidProp('endpoints.fargateEndpoints', `cannot be false: ${where}, so tasks could not pull their image or ship logs ` +
        `(Fargate needs ${FARGATE_ENDPOINTS.map(s => s.shortName).join(', ')} and the S3 gateway)`, false,
      'Leave `endpoints.fargateEndpoints` on, or choose an egress with NAT.');
    }
    if (endpoints.s3Gateway === false) {
      throw invalidProp('endpoints.s3Gateway', `cannot be false: ${where}, and ECR serves image layers from S3`, false,
        'Leave `endpoints.s3Gateway` on, or choose an egress with NAT.');
    }
  }
}

/** ECS cluster names: up to 255 letters, digits, hyphens and underscores (CreateCluster). */
function validateClusterName(name: string | undefined): void {
  if (name === undefined || Token.isUnresolved(name) || /^[A-Za-z0-9_-]{1,255}$/.test(name)) return;
  throw invalidProp('clusterName', 'must have 1 to 255 letters, digits, hyphens and underscores (what ECS accepts)', name,
    'Use a name such as `shop-production`.');
}

/** One VPC cannot hold two private DNS namespaces of one name. */
function reserveNamespace(network: EcsAdvancedNetwork, name: string): void {
  // Vpc.fromLookup() returns this placeholder until the CLI has looked the VPC up: no clash to see yet
  if (network.vpc.vpcId === 'vpc-12345') return;
  const stack = Stack.of(network);
  const owner = reserveUniqueName(network, 'namespace in VPC', `${stack.account}|${stack.region}|${network.vpc.vpcId}|${name}`, network.node.path);
  if (owner !== undefined) {
    throw invalidProp('namespaceName', `is the namespace of network \`${owner}\` in the same VPC already, and a VPC cannot hold two private DNS namespaces of one name`,
      name, 'Give each network in the VPC its own `namespaceName`.');
  }
}

function validateNamespaceName(name: string): void {
  const labels = name.split('.');
  if (name.length > 253 || !labels.every(l => DNS_LABEL.test(l))) {
    throw invalidProp('namespaceName', 'must be a DNS name: dot-separated labels of lower-case letters, digits and hyphens', name,
      'Use a name such as `shop.internal`.');
  }
}
