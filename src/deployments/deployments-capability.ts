import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import { deploymentsReportRows } from './deployments-report';
import { ServiceDeployment } from './service-deployment';
import { addServiceConnectTestTraffic, attachTestRoute, createDeploymentRole, deploymentServiceProps } from './test-route';
import { validateDeployment } from './validate-deployment';
import { DiscoveryMode } from '../discovery/discovery';
import type { ServiceRouteInfo } from '../ingress/service-route-info';
import type { PlacedRoute, Capability } from '../lifecycle/capability';
import type { ServicePlan } from '../lifecycle/service-plan';
import { invalidProp } from '../private/validation';
import type { ReportRows } from '../report/report-rows';
import type { NetworkContext } from '../services/network-context';
import type { NetworkService } from '../services/network-service';
import type { NamedPortOptions } from '../services/port-options';

/**
 * How ECS deploys a new revision: rolling with the circuit breaker, or blue/green, canary and linear
 * with a test route beside each production route, and the alarms that roll a deployment back.
 */
export class DeploymentsCapability implements Capability {
  constructor(private readonly network: NetworkContext) {}

  /** The network's default applies where traffic can shift (a route or a Service Connect endpoint); a worker keeps rolling. */
  public planService(plan: ServicePlan): void {
    const { name, given, options } = plan;
    const canShift = options.routing !== undefined || options.discovery.mode === DiscoveryMode.SERVICE_CONNECT;
    plan.deployment = given.deployment ?? (canShift ? this.network.deployment : ServiceDeployment.rolling());
    validateDeployment(name, plan.deployment, { given, serviceConnectServer: options.discovery.mode === DiscoveryMode.SERVICE_CONNECT });
    refuseRoutedNamedPorts(name, plan.deployment, given.additionalPorts ?? []);
  }

  /** Rolling: the circuit breaker with rollback; blue/green, canary, linear: the strategy (alarms roll them back). */
  public modifyServiceProps(props: ecs.FargateServiceProps, service: NetworkService): ecs.FargateServiceProps {
    return { ...props, ...deploymentServiceProps(service.deployment, service) };
  }

  public useService(service: NetworkService, plan: ServicePlan): void {
    const deployment = service.deployment;
    if (deployment.shiftsTraffic && service.discovery.mode === DiscoveryMode.SERVICE_CONNECT) {
      addServiceConnectTestTraffic(service.service, deployment);
    }
    // one role for the routes on every load balancer
    if (deployment.shiftsTraffic && plan.routes.length > 0) service._parts.deploymentRole = createDeploymentRole(service, plan.name);
    // the alarms the user gave roll a deployment back (the monitoring adds the service's own)
    service._service.rollBackOn(deployment._options.rollbackAlarms.map(alarm => ({ alarm, alarmName: alarmNameOf(alarm) })));
  }

  /** With a deployment that shifts traffic, an alternate target group and a test rule beside each production route. */
  public useRoute(service: NetworkService, route: PlacedRoute, plan: ServicePlan): Partial<ServiceRouteInfo> {
    const role = service._parts.deploymentRole;
    if (!role) return {};
    const { info, ids } = route;
    const test = attachTestRoute(service, {
      serviceName: plan.name,
      prop: `${plan.name}.deployment`,
      routing: plan.options.routing!,
      containerPort: plan.options.containerPort!,
      vpc: this.network.layout.vpc,
      service: service._service,
      loadBalancer: info.loadBalancer,
      production: { loadBalancer: info.loadBalancer, targetGroup: info.targetGroup, rule: info.listenerRule, priority: info.priority },
      deployment: service.deployment,
      role,
      ids,
    });
    return { alternateTargetGroup: test.alternateTargetGroup, testListenerRule: test.rule, testPriority: test.priority, testHeader: test.header };
  }

  public reportRows(services: NetworkService[]): ReportRows {
    return deploymentsReportRows(services, this.network.ingress?.loadBalancers ?? []);
  }
}

/**
 * ECS shifts the traffic of every load balancer entry of a blue/green, canary or linear service between
 * two target groups, and refuses an entry without its alternate; the network builds the alternate target
 * group and the test route of the main port only, so a routed named port cannot deploy that way.
 */
function refuseRoutedNamedPorts(name: string, deployment: ServiceDeployment, ports: NamedPortOptions[]): void {
  if (!deployment.shiftsTraffic) return;
  const index = ports.findIndex(port => port.routing !== undefined);
  if (index < 0) return;
  throw invalidProp(`${name}.additionalPorts[${index}].routing`, `cannot route a named port of a service with a ${deployment.strategy.toLowerCase().replace('_', '/')} deployment: ` +
    'ECS moves every target group of the service to an alternate one, and the network builds the alternate target group and test route of the main port only',
  ports[index].name, 'Route the port through a service of its own, publish it through Service Connect only (`discoverable: true`), ' +
    `or deploy \`${name}\` with \`ServiceDeployment.rolling()\`.`);
}

/** The name of an alarm: the fixed name of one created in this app (not a reference to it), else its `alarmName`. */
function alarmNameOf(alarm: cloudwatch.IAlarm): string {
  const cfn = alarm.node.defaultChild;
  return cfn instanceof cloudwatch.CfnAlarm && cfn.alarmName !== undefined ? cfn.alarmName : alarm.alarmName;
}

