import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type { ServicePlan } from './service-plan';
import type { NetworkFlows } from '../flows/network-flows';
import type { OpenedFlow } from '../flows/opened-flows';
import type { IngressLoadBalancer } from '../ingress/ingress-load-balancer';
import type { ServiceRouteInfo } from '../ingress/service-route-info';
import type { NetworkLoadBalancer } from '../network-load-balancers/network-load-balancer';
import type { ReportRows } from '../report/report-rows';
import type { NetworkService } from '../services/network-service';

/** A route placed on one load balancer, for the capabilities that add to it (a test route). */
export interface PlacedRoute {
  readonly info: ServiceRouteInfo;
  /** The construct ids of its target group and rule. */
  readonly ids: { readonly targetGroup: string; readonly rule: string };
}

/**
 * One capability of the network (ingress and routing, Network Load Balancers, discovery,
 * segmentation, encryption, deployments, observability, endpoints, capacity): the hooks the lifecycle
 * calls, each in the order of the capability list (`src/capabilities.ts`). Modelled on the extension
 * hooks of cdklabs/cdk-ecs-service-extensions, typed and internal. Every hook is optional.
 *
 * Per service, in this order:
 * 1. `planService`: validate the service's options and reserve what it needs; create nothing, so
 *    that a service that fails leaves nothing behind (its nested stack is created after planning).
 * 2. `useTaskDefinition`: the task definition and containers exist.
 * 3. `modifyServiceProps`: the props of the `ecs.FargateService`, before it exists.
 * 4. `useService`: the ECS service exists: target groups, rules, listeners, alarms.
 *    `useRoute` runs for each route that routing places, right after it.
 * 5. `connectToService`: a declared call from one service to another.
 *
 * Per network: `useNetwork` once the network's own resources exist (the VPC, the network ACLs, the
 * first load balancers), `useLoadBalancer` and `useNetworkLoadBalancer` for load balancers that another
 * capability created, `useOpenedFlows` for the flows a capability opened while it built (each
 * capability derives its rules, entries and acknowledgements of them there), `writeFlows` for the
 * capability's flows (`src/flows`), `validateNetwork` for the checks that need every service (and
 * read the flows), and `reportRows` for the capability's rows in the network report beside the flows.
 */
export interface Capability {
  planService?(plan: ServicePlan): void;
  useTaskDefinition?(service: NetworkService, plan: ServicePlan): void;
  modifyServiceProps?(props: ecs.FargateServiceProps, service: NetworkService, plan: ServicePlan): ecs.FargateServiceProps;
  useService?(service: NetworkService, plan: ServicePlan): void;
  /** Returns what it adds to the route's info (the test route's parts). */
  useRoute?(service: NetworkService, route: PlacedRoute, plan: ServicePlan): Partial<ServiceRouteInfo>;
  /** `portName` names a port of the callee's `additionalPorts`, or is undefined for the ports declared for it (else its main port). */
  connectToService?(caller: NetworkService, callee: NetworkService, portName: string | undefined): void;
  /** The service joined the network (names reserved, declared calls not yet resolved). */
  useJoinedService?(service: NetworkService): void;
  /** The network's own resources exist (the VPC, the network ACLs, the first load balancers), before any service: open the flows they carry. */
  useNetwork?(): void;
  useLoadBalancer?(loadBalancer: IngressLoadBalancer): void;
  useNetworkLoadBalancer?(loadBalancer: NetworkLoadBalancer): void;
  /**
   * Flows a capability opened just now (`ServiceLifecycle.open`), all of one listener or call: the
   * capability derives from them what it owns (security-group rules, network ACL entries,
   * acknowledgements), whoever opened them.
   */
  useOpenedFlows?(flows: readonly OpenedFlow[]): void;
  /**
   * The flows the capability opens (listeners, routes, calls, endpoints, egress) and what the tasks
   * need, once every service is added: the report's reachability table and diagram, the plaintext
   * check and the check of the tasks' needs read them.
   */
  writeFlows?(flows: NetworkFlows, services: NetworkService[]): void;
  /** Errors that need every service, as `node.addValidation` reports them, with the network's flows. */
  validateNetwork?(flows: NetworkFlows): string[];
  /** The capability's rows in the network report (`src/report`) beside its flows, once every service is added. */
  reportRows?(services: NetworkService[]): ReportRows;
}
