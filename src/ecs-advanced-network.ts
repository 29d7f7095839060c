import type { NestedStack } from 'aws-cdk-lib';
import { attachCustomSynthesis, Fn } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as cloudmap from 'aws-cdk-lib/aws-servicediscovery';
import type * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { networkCapabilities } from './capabilities';
import { ServiceDeployment } from './deployments/service-deployment';
import { validateDeploymentOptions } from './deployments/validate-deployment';
import { CrossStackCallRules } from './discovery/declared-calls';
import { ServiceConnectTls, validateEncryptionOptions } from './encryption/service-connect-tls';
import { Ingress } from './ingress/ingress';
import type { IngressLoadBalancer } from './ingress/ingress-load-balancer';
import { ServiceLifecycle } from './lifecycle/service-lifecycle';
import { ServiceRegistry } from './lifecycle/service-registry';
import { checkDeployLimits, checkElasticIpQuota } from './limits/check-limits';
import { reserveNamespace, validateClusterName, validateNamespaceName } from './network/cluster-names';
import { createFlowLog } from './network/create-flow-log';
import { Egress } from './network/egress';
import type { EndpointOptions } from './network/endpoints';
import { NetworkEndpoints } from './network/endpoints';
import { FARGATE_ENDPOINTS } from './network/fargate-endpoints';
import { IpStack } from './network/ip-stack';
import { createLogsKey } from './network/logs-key';
import type { NetworkLayout } from './network/vpc';
import { buildNetworkLayout, natGatewaysOf, natSourceCidrsOf, SUBNET_GROUP, taskSubnetCidrsOf } from './network/vpc';
import { createNetworkLoadBalancer, forwardToApplicationLoadBalancer, validateNetworkLoadBalancers } from './network-load-balancers/create-network-load-balancer';
import type { NetworkLoadBalancer } from './network-load-balancers/network-load-balancer';
import type { NetworkLoadBalancerOptions } from './network-load-balancers/network-load-balancer-options';
import type { EcsAdvancedNetworkProps } from './network-props';
import { NetworkMonitoring } from './observability/network-monitoring';
import { AssignmentBook } from './private/assignments';
import { requireSameRegion } from './private/aws-values/regions';
import { validateLogRetention } from './private/log-retention';
import { invalidProp, requireInstanceOf } from './private/validation';
import { checkNetworkProps, checkServiceOptions } from './prop-tables';
import type { CostAssumptions } from './report/cost-types';
import { buildNetworkReport, writeNetworkReport } from './report/network-report';
import type { NetworkReport, NetworkReportOptions } from './report/report-types';
import type { LoadBalancerOptions } from './routing/load-balancer';
import type { WebApplicationFirewall } from './routing/web-application-firewall';
import type { NetworkAclOptions } from './segmentation/network-acl-options';
import { createNetworkAcls } from './segmentation/network-acls';
import { TaskEgress } from './segmentation/task-egress';
import type { NetworkContext } from './services/network-context';
import { NetworkService } from './services/network-service';
import type { ServiceOptions } from './services/service-options';
import { resolvePlacement, validateNestedStack } from './services/service-placement';
import { validateServiceName } from './services/validate-service';

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
  /** The association of the web ACL (`loadBalancer.webAclArn` or `webApplicationFirewall`) with the first load balancer, when it has one. */
  public readonly webAclAssociation?: wafv2.CfnWebACLAssociation;
  /**
   * The managed web application firewall of the first load balancer's kind (`loadBalancer.webApplicationFirewall`):
   * its web ACL, log group and logging configuration, to add rules or read its metrics.
   */
  public readonly webApplicationFirewall?: WebApplicationFirewall;
  /** The Network Load Balancers, in the order of `networkLoadBalancers`. */
  public readonly networkLoadBalancers: NetworkLoadBalancer[];
  /** The network ACLs of the subnet tiers, when `networkAcls.enabled` is true (public, private, then isolated). */
  public readonly networkAcls: ec2.NetworkAcl[];
  /** The alarms, dashboard and flow-log queries; undefined when `monitoring.enabled` is false. */
  public readonly monitoring?: NetworkMonitoring;

  private readonly layout: NetworkLayout;
  private readonly ingress?: Ingress;
  private readonly serviceEndpoints: boolean;
  private readonly logRetention: logs.RetentionDays;
  private readonly deployment: ServiceDeployment;
  private cachedContext?: NetworkContext;
  private cachedLifecycle?: ServiceLifecycle;
  private readonly registry: ServiceRegistry;
  /** The Network Load Balancers by name, as they are created. */
  private readonly nlbsByName = new Map<string, NetworkLoadBalancer>();
  private readonly reportOptions: NetworkReportOptions;
  private readonly tls: ServiceConnectTls;
  private readonly props: EcsAdvancedNetworkProps;

  constructor(scope: Construct, id: string, props: EcsAdvancedNetworkProps = {}) {
    super(scope, id);
    checkNetworkProps(props);
    this.props = props;
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
    this.registry = new ServiceRegistry(this, resolvePlacement(props.servicePlacement), props.logsEncryptionKey === undefined);
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
    reserveNamespace(this, this.vpc, namespaceName);
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
        assignments: props.assignmentsFile !== undefined ? AssignmentBook.fromFile(this, props.assignmentsFile) : AssignmentBook.none(),
        logsEncryptionKey: this.logsEncryptionKey,
        logRetention: this.logRetention,
        onLoadBalancer: added => this._lifecycle.useLoadBalancer(added),
      });
      const first = this.ingress.loadBalancers[0];
      this.loadBalancer = first?.loadBalancer;
      this.httpListener = first?.httpListener;
      this.httpsListener = first?.httpsListener;
      this.routingListener = first?.routingListener;
      this.accessLogsBucket = first && this.ingress.accessLogsBucketOf(first);
      this.webAclAssociation = first?.webAclAssociation;
      this.webApplicationFirewall = first?.webApplicationFirewall;
      this.loadBalancerTargets = this.ingress.targets;
    }

    // observability: alarms, dashboard and flow-log queries; before the load balancers that others create, which reach it through the lifecycle
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
    }

    // network ACLs per subnet tier (opt-in), from the same model as the security groups; before the Network Load
    // Balancers, whose listeners' flows they admit
    this.networkAcls = this.createNetworkAcls(props.networkAcls ?? {}, {
      internetFacing: publicIngress,
      https: this.httpsListener !== undefined,
      isolatedTier: props.subnets?.isolatedSubnets ?? false,
    });

    // the capabilities, now: egress by domain builds its firewall for the network, with or without services,
    // and the first load balancers' listeners open their clients' flows, which the security groups and ACLs admit
    this._lifecycle.useNetwork();

    // Network Load Balancers: TCP, UDP and TLS, fixed addresses, PrivateLink; services add their listeners
    this.networkLoadBalancers = this.createNetworkLoadBalancers(props.networkLoadBalancers ?? []);
    this.networkLoadBalancers.forEach(nlb => this._lifecycle.useNetworkLoadBalancer(nlb));
    checkElasticIpQuota(this);

    // services, then the calls they declare (callees may be declared after their callers)
    (props.services ?? []).forEach(({ name, ...options }) => this.addService(name, options));
    // the checks that need every service: calls to services never added, and each capability's
    this.node.addValidation({ validate: () => this._lifecycle.validateNetwork() });

    // AWS's deploy-time limits, checked on what synthesis writes: templates, security-group rules;
    // and the addresses the tasks need in their subnets, once every service is added
    checkDeployLimits(this);

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
    checkServiceOptions(name, options);
    // checked before the construct exists: its id is the name, and a taken id fails with a generic message
    this.registry.validateUniqueName(name);
    validateServiceName(name);
    validateNestedStack(`${name}.nestedStack`, options.nestedStack);
    // planned before its nested stack exists: a service that cannot join leaves nothing behind
    const plan = this._lifecycle.plan(name, options);
    this.registry.keepPlan(plan);
    return new NetworkService(this.registry.scopeFor(name, plan.takesDefaultAction, options.nestedStack), name, { ...options, network: this });
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

  /** The nested stacks that hold services (`servicePlacement.nestedStacks`, a service's `nestedStack`), by number. */
  public get serviceStacks(): NestedStack[] {
    return [...this.registry.nestedStacks];
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
    return this.registry.services;
  }

  /** The service with this name, if any. */
  public findService(name: string): NetworkService | undefined {
    return this.registry.find(name);
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
      networkLoadBalancers: this.nlbsByName,
      cloudMapNamespace: this.cloudMapNamespace,
      logRetention: this.logRetention,
      logsEncryptionKey: this.logsEncryptionKey,
      stackLogsKeys: this.registry.stackLogsKeys,
      taskEgress: this.taskEgress,
      crossStackRules: new CrossStackCallRules(this),
      deployment: this.deployment,
      serviceConnectTls: this.tls,
    };
    return this.cachedContext;
  }

  /**
   * The lifecycle every service goes through, with the capabilities of the network.
   * @internal
   */
  public get _lifecycle(): ServiceLifecycle {
    if (!this.cachedLifecycle) {
      const sources = { network: this, props: this.props, context: this._context, registry: this.registry, monitoring: this.monitoring };
      this.cachedLifecycle = new ServiceLifecycle(this.registry, networkCapabilities(sources));
    }
    return this.cachedLifecycle;
  }

  private validateLoadBalancerChoice(enabled: boolean, lb: LoadBalancerOptions): void {
    if (enabled) return;
    const conflicting = Object.entries(lb).filter(([k, v]) => k !== 'enabled' && v !== undefined).map(([k]) => k);
    if (conflicting.length > 0) {
      throw invalidProp('loadBalancer', 'has options while `loadBalancer.enabled` is false', conflicting,
        'Remove the options, or enable the load balancer.');
    }
  }

  private createNetworkLoadBalancers(all: NetworkLoadBalancerOptions[]): NetworkLoadBalancer[] {
    validateNetworkLoadBalancers(all, this.vpc.availabilityZones.length, this.egress?._gatewayOptions.eipAllocationIds);
    const scope = all.length > 0 ? new Construct(this, 'NetworkLoadBalancers') : this;
    return all.map((options, i) => {
      const nlbScope = new Construct(scope, options.name);
      const prop = `networkLoadBalancers[${i}]`;
      const nlb = createNetworkLoadBalancer(nlbScope, options, { layout: this.layout, prop, accessLogsBucket: this.accessLogsBucket });
      this.nlbsByName.set(nlb.name, nlb);
      if (options.forwardToApplicationLoadBalancer !== undefined) {
        const alb = this.ingress?.firstOf(options.forwardToApplicationLoadBalancer, `${prop}.forwardToApplicationLoadBalancer`);
        if (!alb) {
          throw invalidProp(`${prop}.forwardToApplicationLoadBalancer`, 'needs an Application Load Balancer, but the network has none',
            options.forwardToApplicationLoadBalancer, 'Enable `loadBalancer`, or remove `forwardToApplicationLoadBalancer`.');
        }
        forwardToApplicationLoadBalancer(nlbScope, nlb, alb, flows => this._lifecycle.open(flows));
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
