/**
 * The networks and edits of the day-two suites: a network is a list of service specs, an edit turns
 * one list into another, and `EditMatrix` builds each network once per size and diffs the pairs.
 */
import * as fs from 'fs';
import { App, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import type { EditDiff, EditModel, SynthesisMode } from './edit-diff';
import { diffEdit, expectOnlyEdited, headline, synthesizeEdit } from './edit-diff';
import type { EcsAdvancedNetworkProps, RoutingOptions } from '../../src';
import { EcsAdvancedNetwork, IngressAccess, ServiceDeployment } from '../../src';
import { IMAGE, saveAssignments, tempAssignmentsFile } from '../helpers/network';

/** Path routes (`/svc-N/*`, no hosted zone) or host routes (`svc-N.example.com`, with a zone: certificates and records). */
export type Routing = 'path' | 'host';

/** The most path-only routes one Application Load Balancer takes (its 100 target groups). */
const PATH_ROUTES_PER_LOAD_BALANCER = 100;
export const ZONE = 'example.com';

/** One service of a network. */
export interface ServiceSpec {
  readonly name: string;
  /** What its route is made of: `/<route>/*`, or `<route>.example.com`. A rename keeps it. */
  readonly route: string;
  /** More hosts (host routing): `<extra>.example.com`. */
  readonly extraHosts?: readonly string[];
  /** An extra host header on a path route. */
  readonly pathHost?: string;
  /** A path pattern beside the host (host routing): services that share a host. */
  readonly path?: string;
  /** On the internal load balancer (path routing past the 100 routes of the internet-facing one). */
  readonly internal?: boolean;
  readonly blueGreen?: boolean;
}

export interface NetworkOptions {
  /** Alarms, dashboard and queries (off by default: a lean network). */
  readonly monitoring?: boolean;
  /** A public hosted zone `example.com` for the load balancer (default: with host routing). */
  readonly hostedZone?: boolean;
  /** Feature flags of the app. */
  readonly context?: Record<string, unknown>;
  /** More props of the network. */
  readonly props?: EcsAdvancedNetworkProps;
  /** The `nestedStack` of some services, by name. */
  readonly nestedStack?: Record<string, number>;
}

/** `size` services `svc-0`...; path routing puts the ones past the 100th on the internal load balancer. */
export function baseSpecs(routing: Routing, size: number): ServiceSpec[] {
  return Array.from({ length: size }, (_, i) => ({
    name: `svc-${i}`,
    route: `svc-${i}`,
    internal: routing === 'path' && i >= PATH_ROUTES_PER_LOAD_BALANCER ? true : undefined,
  }));
}

export function routingOf(routing: Routing, spec: ServiceSpec): RoutingOptions {
  const access = spec.internal ? IngressAccess.INTERNAL : undefined;
  if (routing === 'path') {
    return { pathPatterns: [`/${spec.route}/*`], hostHeaders: spec.pathHost ? [`${spec.pathHost}.${ZONE}`] : undefined, access };
  }
  if (spec.path) {
    return { hostHeaders: [`${spec.route}.${ZONE}`], pathPatterns: [spec.path], access };
  }
  return { hostHeaders: [spec.route, ...(spec.extraHosts ?? [])].map(h => `${h}.${ZONE}`), access };
}

/**
 * Context that makes construction cheaper and changes no template: no creation stack trace and no
 * logical-ID metadata on each L1 (capturing a stack trace under jest's source maps takes a third of
 * the construction time).
 */
const LEAN_CONTEXT = {
  'aws:cdk:disable-stack-trace': true,
  'aws:cdk:disable-creation-stack-traces': true,
  'aws:cdk:disable-logicalId-metadata': true,
};

/** Builds the app of a network of `specs`; returns the network. */
export function buildNetwork(routing: Routing, specs: readonly ServiceSpec[], options: NetworkOptions = {}): EcsAdvancedNetwork {
  const app = new App({ context: { ...LEAN_CONTEXT, ...options.context } });
  const stack = new Stack(app, 'Stack');
  const zone = (options.hostedZone ?? routing === 'host') ? new route53.PublicHostedZone(stack, 'Zone', { zoneName: ZONE }) : undefined;
  const network = new EcsAdvancedNetwork(stack, 'Network', {
    monitoring: { enabled: options.monitoring ?? false },
    report: { writeToAssembly: false },
    flowLogs: { enabled: false },
    loadBalancer: { accessLogs: false, hostedZone: zone },
    internalLoadBalancer: { accessLogs: false },
    ...options.props,
  });
  for (const spec of specs) {
    network.addService(spec.name, {
      image: IMAGE,
      containerPort: 80,
      routing: routingOf(routing, spec),
      deployment: spec.blueGreen ? ServiceDeployment.blueGreen() : undefined,
      nestedStack: options.nestedStack?.[spec.name],
    });
  }
  return network;
}

/** A change of the service list: the after list, and the services it means to change. */
export interface Edit {
  readonly name: string;
  readonly specs: ServiceSpec[];
  readonly edited: string[];
}

/**
 * The service the insert edits add, the same in each after network (so that two of them differ by its
 * place only: a reorder). Its route is as specific as the middle service's (`svc-12` -> `new-xx`):
 * rules of equal specificity are the ones whose priorities follow declaration order. It goes to the
 * internet-facing load balancer while that has room for one more path route.
 */
function newService(routing: Routing, specs: readonly ServiceSpec[]): ServiceSpec {
  const publicRoutes = specs.filter(s => !s.internal).length;
  const middle = specs[Math.floor(specs.length / 2)].route;
  return {
    name: 'new',
    route: `new-${'x'.repeat(middle.length - 'new-'.length)}`,
    internal: routing === 'path' && publicRoutes >= PATH_ROUTES_PER_LOAD_BALANCER ? true : undefined,
  };
}

/** The service whose deployment strategy switches: the second one, on a load balancer with room for its alternate target group. */
function switchIndex(routing: Routing, specs: readonly ServiceSpec[]): number {
  const publicRoutes = specs.filter(s => !s.internal).length;
  return routing === 'path' && publicRoutes >= PATH_ROUTES_PER_LOAD_BALANCER ? specs.findIndex(s => s.internal) : Math.min(1, specs.length - 1);
}

/**
 * The after networks of the edits of `base`. Each pair is tested both ways: an insert read backwards is
 * a removal at the same place, a new host backwards is a removed host, blue/green backwards is rolling.
 */
export function afterNetworks(routing: Routing, base: readonly ServiceSpec[]): Record<AfterName, Edit> {
  const n = base.length;
  const mid = Math.floor(n / 2);
  const added = newService(routing, base);
  const insert = (at: number): ServiceSpec[] => [...base.slice(0, at), added, ...base.slice(at)];
  const with_ = (i: number, change: Partial<ServiceSpec>) => base.map((s, j) => (j === i ? { ...s, ...change } : s));
  const sw = switchIndex(routing, base);
  return {
    append: { name: 'append', specs: insert(n), edited: [added.name] },
    insertFirst: { name: 'insert first', specs: insert(0), edited: [added.name] },
    insertMiddle: { name: 'insert in the middle', specs: insert(mid), edited: [added.name] },
    renameMiddle: { name: 'rename the middle one', specs: with_(mid, { name: `renamed-${mid}` }), edited: [base[mid].name, `renamed-${mid}`] },
    addHost: {
      name: 'add a host',
      specs: with_(1, routing === 'host' ? { extraHosts: [`${base[1].route}-alt`] } : { pathHost: `${base[1].route}` }),
      edited: [base[1].name],
    },
    blueGreen: { name: 'switch to blue/green', specs: with_(sw, { blueGreen: true }), edited: [base[sw].name] },
  };
}

export type AfterName = 'append' | 'insertFirst' | 'insertMiddle' | 'renameMiddle' | 'addHost' | 'blueGreen';

/** An edit as a test sees it: from which network to which (undefined: the base), and the services it edits. */
export interface EditCase {
  readonly title: string;
  readonly from?: AfterName;
  readonly to?: AfterName;
  /** Host routing only. */
  readonly hostOnly?: boolean;
}

/**
 * The edits, each a pair of the networks above: an insert read backwards is a removal at the same
 * place, two inserts at different places are a reorder, a new host backwards is a removed host,
 * blue/green backwards is rolling.
 */
export const EDIT_CASES: readonly EditCase[] = [
  { title: 'append a service', to: 'append' },
  { title: 'remove the last service', from: 'append' },
  { title: 'insert a service first', to: 'insertFirst' },
  { title: 'remove the first service', from: 'insertFirst' },
  { title: 'insert a service in the middle', to: 'insertMiddle' },
  { title: 'remove a service in the middle', from: 'insertMiddle' },
  { title: 'move the first service to the end', from: 'insertFirst', to: 'append' },
  { title: 'move a service from the middle to the front', from: 'insertMiddle', to: 'insertFirst' },
  { title: 'rename a service, same route', to: 'renameMiddle' },
  { title: 'add a host to a service', to: 'addHost' },
  { title: 'remove a host from a service', from: 'addHost', hostOnly: true },
  { title: 'switch a service from rolling to blue/green', to: 'blueGreen' },
  { title: 'switch a service from blue/green to rolling', from: 'blueGreen' },
];

/**
 * The networks of one routing and size: the base is built once, each after network once (on first
 * use, shared by both directions), and the app is dropped once its model is read.
 */
export class EditMatrix {
  public readonly base: ServiceSpec[];
  public readonly afters: Record<AfterName, Edit>;
  private baseModel?: EditModel;
  /** The assignments file as the base network left it. */
  private baseFile?: string;
  private readonly models = new Map<AfterName, EditModel>();

  constructor(public readonly routing: Routing, public readonly size: number,
    private options: NetworkOptions & { mode?: SynthesisMode } = {}) {
    this.base = baseSpecs(routing, size);
    this.afters = afterNetworks(routing, this.base);
    // what a platform of the size sets, the same before and after every edit (README, "Changing a
    // network after its first deploy"): nested stacks past 25 services, and past 90 routes on a load
    // balancer an assignments file, which each build reads and writes back as a deploy would
    this.options = {
      ...options,
      props: {
        servicePlacement: { nestedStacks: nestedStacksFor(size) },
        ...(size >= ASSIGNMENTS_FILE_FROM ? { assignmentsFile: tempAssignmentsFile() } : {}),
        ...options.props,
      },
    };
  }

  public model(after?: AfterName): EditModel {
    if (after === undefined) return this.baseOnce();
    let m = this.models.get(after);
    if (!m) {
      // each after network is one edit of the deployed base: it starts from the base's assignments
      // file, not from what other, alternative edits recorded
      this.baseOnce();
      const file = this.options.props?.assignmentsFile;
      if (file) fs.writeFileSync(file, this.baseFile!);
      m = this.synthesize(this.afters[after].specs);
      this.models.set(after, m);
    }
    return m;
  }

  private baseOnce(): EditModel {
    if (!this.baseModel) {
      this.baseModel = this.synthesize(this.base);
      const file = this.options.props?.assignmentsFile;
      this.baseFile = file && fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '{}';
    }
    return this.baseModel;
  }

  /** The diff of an edit case, and the services it edits. */
  public diff(c: EditCase): { diff: EditDiff; edited: string[] } {
    const edited = [...new Set([...(c.from ? this.afters[c.from].edited : []), ...(c.to ? this.afters[c.to].edited : [])])];
    return { diff: diffEdit(this.model(c.from), this.model(c.to)), edited };
  }

  /** Drops the models (a suite keeps a matrix per size). */
  public release(): void {
    this.baseModel = undefined;
    this.models.clear();
  }

  private synthesize(specs: readonly ServiceSpec[]): EditModel {
    return synthesizeEdit(() => saveAssignments(buildNetwork(this.routing, specs, this.options)), { mode: this.options.mode });
  }
}

/** The nested stacks of a network of `size` services: none up to 25, then about 25 services each. */
export function nestedStacksFor(size: number): number {
  return size > 25 ? Math.ceil(size / 25) : 0;
}

/** From this size on the networks keep an assignments file: dozens of routes of one specificity clash now and then without it. */
export const ASSIGNMENTS_FILE_FROM = 45;

/**
 * The sizes of the matrix: 3 and 20, every service in the network's stack, no assignments file; 45,
 * two nested stacks by name and the file; 99 and 101, around the 100 target groups of a load balancer
 * (path routing: the internet-facing one full at 101, the next routes internal); host routing crosses
 * the 25 certificates by SNI of one load balancer from 45 on (a load balancer per 25 hosts); 150, past
 * all of them, with 6 nested stacks.
 */
export const SIZES = [3, 20, 45, 99, 101, 150] as const;

/** What a network of a size is made of: its service stacks, load balancers and certificates. */
export interface NetworkShape {
  readonly serviceStacks: number;
  readonly loadBalancers: number;
  readonly certificates: number;
}

export function shapeOf(model: EditModel): NetworkShape {
  const all = [...model.resources.values()];
  const count = (type: string, match: (path: string) => boolean = () => true) => all.filter(r => r.type === type && match(r.path)).length;
  return {
    serviceStacks: count('AWS::CloudFormation::Stack', p => p.includes('/ServiceStack')),
    loadBalancers: count('AWS::ElasticLoadBalancingV2::LoadBalancer'),
    certificates: count('AWS::CertificateManager::Certificate'),
  };
}

/**
 * The shape each base network is chosen for: its nested stacks of services, load balancers and
 * requested certificates (host routing: 10 names each, the first of each load balancer also names the zone).
 */
const SHAPES: Record<Routing, Record<(typeof SIZES)[number], NetworkShape>> = {
  path: {
    3: { serviceStacks: 0, loadBalancers: 1, certificates: 0 },
    20: { serviceStacks: 0, loadBalancers: 1, certificates: 0 },
    45: { serviceStacks: 2, loadBalancers: 1, certificates: 0 },
    99: { serviceStacks: 4, loadBalancers: 1, certificates: 0 },
    101: { serviceStacks: 5, loadBalancers: 2, certificates: 0 }, // the internal load balancer takes the 101st route
    150: { serviceStacks: 6, loadBalancers: 2, certificates: 0 },
  },
  // certificates: per load balancer, the zone's (the default) and one per host by SNI, 25 at most (the
  // quota): a load balancer takes 25 hosts, the file sends the 26th to the next one
  host: {
    3: { serviceStacks: 0, loadBalancers: 1, certificates: 4 },
    20: { serviceStacks: 0, loadBalancers: 1, certificates: 21 },
    45: { serviceStacks: 2, loadBalancers: 2, certificates: 47 }, // 25 hosts on the first load balancer, 20 on the second
    99: { serviceStacks: 4, loadBalancers: 4, certificates: 103 },
    101: { serviceStacks: 5, loadBalancers: 5, certificates: 106 },
    150: { serviceStacks: 6, loadBalancers: 6, certificates: 156 },
  },
};

/**
 * Declares the matrix of one routing: per size, a test that the base network has the shape the size
 * is chosen for, then one test per edit case. `failsToday` maps `<size> <edit title>` to the cause
 * observed on the current code: those tests are `test.failing`, and flip to `test` once fixed.
 */
export function defineEditMatrix(routing: Routing, failsToday: Record<string, string>): void {
  const unknown = Object.keys(failsToday).filter(id => !SIZES.some(size => EDIT_CASES.some(c => id === `${size} ${c.title}`)));
  test('every known failure names a test of the matrix', () => expect(unknown).toEqual([]));
  for (const size of SIZES) {
    describe(`${size} ${routing}-routed services`, () => {
      const matrix = new EditMatrix(routing, size);
      afterAll(() => matrix.release());

      test('the base network has the stacks, load balancers and certificates of its size', () => {
        // eslint-disable-next-line no-console
        if (process.env.DAY_TWO_CAUSES) console.log(`SHAPE ${routing} ${size} ${JSON.stringify(shapeOf(matrix.model()))}`);
        expect(shapeOf(matrix.model())).toEqual(SHAPES[routing][size]);
      });

      for (const c of EDIT_CASES.filter(x => routing === 'host' || !x.hostOnly)) {
        const cause = failsToday[`${size} ${c.title}`];
        (cause === undefined ? test : test.failing)(c.title, () => {
          const { diff, edited } = matrix.diff(c);
          // DAY_TWO_CAUSES=1 prints the causes of the failing edits, in the form of `failsToday`
          // eslint-disable-next-line no-console
          if (process.env.DAY_TWO_CAUSES) console.log(`'${size} ${c.title}': '${headline(diff, edited) ?? 'passes'}',`);
          expectOnlyEdited(diff, edited);
        });
      }
    });
  }
}
