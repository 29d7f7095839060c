import { Annotations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { Construct } from 'constructs';
import { homePriority, narrowerOf, nextFreeIn, priorityRange } from './priorities';
import type { PriorityRange, RouteShape } from './priorities';
import type { RoutingOptions } from './routing-options';
import type { AssignmentTable } from '../private/assignments';
import { invalidProp } from '../private/validation';

/** A route the router placed. */
export interface PlacedRoute {
  readonly serviceName: string;
  readonly routing: RoutingOptions;
  /** The rule priority, or undefined when the route is the listener's default action. */
  readonly priority?: number;
  readonly rule?: elbv2.ApplicationListenerRule;
}

/**
 * Places the routes of the services on the routing listener of one load balancer: checks that no two
 * services claim the same requests, allocates deterministic priorities and creates the listener rules.
 */
export class Router {
  private readonly claims = new Map<string, string>();
  private readonly placed: PlacedRoute[] = [];
  private readonly shapes = new WeakMap<PlacedRoute, RouteShape & { readonly rangeStart: number }>();
  /** Which service holds each priority of the listener. */
  private readonly owners = new Map<number, string>();
  private readonly targetPorts = new Set<number>();

  /**
   * @param listener the listener that carries the rules
   * @param loadBalancer the load balancer of the listener
   * @param targets the security group that every routed task carries: the load balancer's egress goes
   * to it, one rule per distinct container port instead of one per service; each service's own group
   * admits the load balancer on its port only, so what the load balancer can reach is unchanged
   * @param recorded the priorities of this listener recorded in the network's `assignmentsFile`, if any
   */
  constructor(public readonly listener: elbv2.ApplicationListener,
    public readonly loadBalancer: elbv2.ApplicationLoadBalancer, private readonly targets: ec2.ISecurityGroup,
    private readonly recorded: { table: AssignmentTable; records: boolean }) {}

  /** Lets the load balancer send to `port` of the tasks it routes to (once per port). */
  public admitTargetsOn(port: number): void {
    if (this.targetPorts.has(port)) return;
    this.targetPorts.add(port);
    this.loadBalancer.connections.securityGroups[0].addEgressRule(this.targets, ec2.Port.tcp(port),
      `To the tasks behind the load balancer on port ${port}`);
  }

  /** The routes placed so far, in declaration order. */
  public get routes(): PlacedRoute[] {
    return [...this.placed];
  }

  /**
   * Throws unless the route of `serviceName` can be placed: it claims no requests another service
   * claims already, and it gets a priority. Changes nothing.
   */
  public check(serviceName: string, prop: string, routing: RoutingOptions, ruleId = 'ListenerRule'): void {
    this.unclaimedKeys(serviceName, prop, routing);
    if (!isCatchAll(routing)) this.priorityFor(serviceName, prop, routing, ruleId);
  }

  /**
   * Places the route of `serviceName`, forwarding to `targetGroup`; the rule goes into `ruleScope` with id `ruleId`.
   * A catch-all route becomes the listener's default action, unless `asRule` asks for a rule (at the lowest computed precedence).
   */
  public addRoute(ruleScope: Construct, serviceName: string, prop: string, routing: RoutingOptions,
    targetGroup: elbv2.IApplicationTargetGroup, ruleId = 'ListenerRule', asRule = false): PlacedRoute {
    // every rule before any state changes, so that a refused route leaves the router as it was
    const claims = this.unclaimedKeys(serviceName, prop, routing);
    const priority = isCatchAll(routing) && !asRule ? undefined : this.priorityFor(serviceName, prop, routing, ruleId);
    claims.forEach(key => this.claims.set(key, serviceName));
    if (priority !== undefined) {
      this.owners.set(priority, serviceName);
      if (routing.priority === undefined) {
        const key = recordKey(serviceName, ruleId);
        const previous = this.recorded.table.get(key);
        // a number the route leaves (a new specificity) stays reserved: its rule holds it until the update
        if (previous !== undefined && previous !== priority) this.recorded.table.set(`${key}@${previous}`, previous);
        this.recorded.table.set(key, priority);
      }
    }
    const action = elbv2.ListenerAction.forward([targetGroup]);

    if (priority === undefined) {
      this.listener.addAction('Default', { action });
      Annotations.of(this.listener).acknowledgeWarning('@aws-cdk/aws-elbv2:listenerExistingDefaultActionReplaced',
        'Intended: the fixed 404 answers unmatched requests only until a service claims `/*`.');
      return this.record({ serviceName, routing });
    }

    const rule = new elbv2.ApplicationListenerRule(ruleScope, ruleId, {
      listener: this.listener,
      priority,
      conditions: conditionsOf(routing),
      action,
    });
    return this.record({ serviceName, routing, priority, rule });
  }

  private record(route: PlacedRoute): PlacedRoute {
    this.placed.push(route);
    return route;
  }

  /**
   * The priority of a route: the explicit one, or the one its specificity and its service's name give
   * (see priorities.ts). Throws when another route of the listener holds it already. Changes nothing.
   */
  private priorityFor(serviceName: string, prop: string, routing: RoutingOptions, ruleId: string): number {
    if (routing.priority !== undefined) {
      const owner = this.owners.get(routing.priority);
      if (owner !== undefined) {
        throw invalidProp(`${prop}.priority`, `must be unique on the load balancer's listener, but service \`${owner}\` has it already`, routing.priority,
          'Choose another priority (1 to 999 never collide with computed ones), or leave it out to have it computed.');
      }
      return routing.priority;
    }
    const shape = shapeOf(routing);
    const range = priorityRange(shape);
    const key = recordKey(serviceName, ruleId);
    const recorded = this.recorded.table.get(key);
    // a recorded number stays while the route keeps its specificity (a new specificity needs a new place in the order)
    if (recorded !== undefined && recorded >= range.start && recorded < range.start + range.width && !this.owners.has(recorded)) {
      return this.inOrder(serviceName, prop, routing, shape, range, recorded);
    }
    const home = homePriority(shape, key);
    const taken = (p: number) => this.owners.has(p) || this.recorded.table.holds(p, key);
    if (!taken(home)) return this.inOrder(serviceName, prop, routing, shape, range, home);
    const free = nextFreeIn(range, home, taken);
    if (this.recorded.records && free !== undefined) return this.inOrder(serviceName, prop, routing, shape, range, free);
    const owner = this.owners.get(home);
    const holder = owner !== undefined ? `service \`${owner}\` has that priority on the same listener already (two names that hash alike)`
      : 'the network\'s `assignmentsFile` keeps it for a service that had it';
    throw invalidProp(prop, `gets listener rule priority ${home} from its specificity and its service's name, and ${holder}`,
      routing.pathPatterns ?? routing.hostHeaders,
      free === undefined
        ? 'Give the route an explicit priority (`routing.priority`, or a deployment\'s `testPriority` for a test route): the routes of its specificity fill their range.'
        : `Give one of the two an explicit priority (\`routing.priority\`, or a deployment's \`testPriority\` for a test route): ${free} is free and keeps ` +
          'the route among routes of equal specificity; pin the one that is not deployed yet, so that the deployed one keeps its number. ' +
          'Or set the network\'s `assignmentsFile`: it gives the second route the next free number and keeps it.');
  }

  /**
   * `priority`, unless a route of the same range that can match the same requests is narrower and
   * would come after it, or wider and would come before it: in a range the hash of the names orders
   * the routes, which only works for routes that never match the same request.
   */
  private inOrder(serviceName: string, prop: string, routing: RoutingOptions, shape: RouteShape, range: PriorityRange, priority: number): number {
    for (const other of this.placed) {
      if (other.priority === undefined || other.serviceName === serviceName) continue;
      const otherShape = this.shapeOfPlaced(other);
      if (otherShape.rangeStart !== range.start) continue;
      const narrower = narrowerOf(shape, otherShape);
      const wrong = (narrower === -1 && priority > other.priority) || (narrower === 1 && priority < other.priority);
      if (!wrong) continue;
      const [narrow, wide] = narrower === -1 ? [serviceName, other.serviceName] : [other.serviceName, serviceName];
      throw invalidProp(prop, `can match the same requests as the route of service \`${other.serviceName}\` and ranks equal with it ` +
        `(the same band and literal length), and the names would put the route of \`${wide}\` first, which then answers the requests meant for \`${narrow}\``,
      routing.pathPatterns ?? routing.hostHeaders,
      `Give the route of \`${narrow}\` an explicit \`routing.priority\` (1 to 999 come before every computed one), or make one of the two patterns longer.`);
    }
    return priority;
  }

  /** The shape of a placed route and where its range starts, computed once per route (`inOrder` reads every placed route at every new one). */
  private shapeOfPlaced(route: PlacedRoute): RouteShape & { readonly rangeStart: number } {
    let shape = this.shapes.get(route);
    if (!shape) {
      const s = shapeOf(route.routing);
      shape = { ...s, rangeStart: priorityRange(s).start };
      this.shapes.set(route, shape);
    }
    return shape;
  }

  /** The claim keys of a route; rejects a route that claims requests another service claims already. */
  private unclaimedKeys(serviceName: string, prop: string, routing: RoutingOptions): string[] {
    const extra = JSON.stringify({ h: sortedEntries(routing.httpHeaders), m: [...(routing.httpMethods ?? [])].sort() });
    const hosts = routing.hostHeaders?.length ? routing.hostHeaders : ['*any*'];
    const paths = routing.pathPatterns?.length ? routing.pathPatterns : ['*any*'];
    const keys = hosts.flatMap(h => paths.map(p => ({ h, p, key: `${h.toLowerCase()}|${p}|${extra}` })));
    for (const { h, p, key } of keys) {
      const owner = this.claims.get(key);
      if (owner !== undefined && owner !== serviceName) {
        const what = `${h === '*any*' ? 'any host' : `host ${h}`} and ${p === '*any*' ? 'any path' : `path ${p}`}`;
        throw invalidProp(prop, `claims requests that service \`${owner}\` already routes (${what})`, routing.pathPatterns ?? routing.hostHeaders,
          'Give each service distinct path patterns or host headers.');
      }
    }
    return keys.map(k => k.key);
  }
}

/** The key of a route in the assignments file: the service's name and which of its rules it is. */
function recordKey(serviceName: string, ruleId: string): string {
  return `${serviceName}/${ruleId}`;
}

/** A route that matches every request: `/*` alone, nothing else. It becomes the listener's default action. */
export function isCatchAll(routing: RoutingOptions): boolean {
  return routing.priority === undefined
    && (routing.hostHeaders ?? []).length === 0
    && (routing.httpMethods ?? []).length === 0
    && Object.keys(routing.httpHeaders ?? {}).length === 0
    && (routing.pathPatterns ?? []).length === 1 && routing.pathPatterns![0] === '/*';
}

function shapeOf(routing: RoutingOptions) {
  return {
    pathPatterns: routing.pathPatterns ?? [],
    hostHeaders: routing.hostHeaders ?? [],
    extraConditions: (routing.httpMethods ?? []).length > 0 || Object.keys(routing.httpHeaders ?? {}).length > 0,
  };
}

function sortedEntries(map?: { [k: string]: string[] }): [string, string[]][] {
  return Object.entries(map ?? {}).map(([k, v]) => [k.toLowerCase(), [...v].sort()] as [string, string[]]).sort();
}

function conditionsOf(routing: RoutingOptions): elbv2.ListenerCondition[] {
  const conditions: elbv2.ListenerCondition[] = [];
  if (routing.hostHeaders?.length) conditions.push(elbv2.ListenerCondition.hostHeaders(routing.hostHeaders));
  if (routing.pathPatterns?.length) conditions.push(elbv2.ListenerCondition.pathPatterns(routing.pathPatterns));
  for (const [name, values] of Object.entries(routing.httpHeaders ?? {})) {
    conditions.push(elbv2.ListenerCondition.httpHeader(name, values));
  }
  if (routing.httpMethods?.length) conditions.push(elbv2.ListenerCondition.httpRequestMethods(routing.httpMethods));
  return conditions;
}
