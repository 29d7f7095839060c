import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type { ServiceDeployment } from '../deployments/service-deployment';
import type { RoutePlacement } from '../ingress/ingress';
import type { NamedPortPlacement } from '../ingress/named-port-routes';
import type { ServiceRouteInfo } from '../ingress/service-route-info';
import type { ServiceNetworkListener } from '../network-load-balancers/network-load-balancer';
import type { PlannedListener } from '../network-load-balancers/service-listener';
import type { NetworkService } from '../services/network-service';

import type { ResolvedServiceOptions } from '../services/service-defaults';
import type { ServiceOptions } from '../services/service-options';

/**
 * What planning decided for one service, before any of its constructs exist: its options with every
 * default applied, and what each capability placed or reserved for it. The later hooks read it.
 * Typed fields, one owner each: a capability never looks another one up by name.
 */
export interface ServicePlan {
  readonly name: string;
  /** The options as given (some rules tell a default from a value given). */
  readonly given: ServiceOptions;
  /** The options with every default applied. */
  readonly options: ResolvedServiceOptions;
  /** How the service deploys: its own `deployment`, else the network's where traffic can shift, else rolling (deployments). */
  deployment?: ServiceDeployment;
  /** Whether its Service Connect endpoints use TLS (encryption). */
  serviceConnectTls: boolean;
  /** Whether its main route takes a listener's default action, which only the network's stack may hold (ingress and routing). */
  takesDefaultAction: boolean;
  /** Where the main route goes on each load balancer; empty when unrouted (ingress and routing). */
  routes: RoutePlacement[];
  /** Where the routes of the routed named ports go (ingress and routing). */
  namedPortRoutes: NamedPortPlacement[];
  /** The Network Load Balancer listeners that forward to the service. */
  networkListeners: PlannedListener[];
  /** The services it calls, once each, and the named ports declared for each (`''`: the main port). */
  readonly calls: { readonly callees: string[]; readonly ports: Map<string, Set<string>> };
}

/**
 * What the capabilities built for one service, collected on the service (which exposes it through
 * its public properties) rather than handed around.
 */
export interface ServiceParts {
  capacityProvider?: ecs.ManagedInstancesCapacityProvider;
  /** Each load balancer the service is routed on, in the order of `ServicePlan.routes`. */
  routes: ServiceRouteInfo[];
  /** The routes of the routed named ports (one per load balancer of their access), by port name. */
  readonly portRoutes: { [portName: string]: ServiceRouteInfo[] };
  networkListeners: ServiceNetworkListener[];
  deploymentRole?: iam.Role;
  /** Whether Service Connect is on (as a server, or a client only). */
  serviceConnectEnabled: boolean;
  /** The services this one calls, with the ports its calls opened (`''`: the main port). */
  readonly calledPorts: Map<NetworkService, Set<string>>;
}
