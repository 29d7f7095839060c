import type { Flow, FlowEnd, FlowEndKind } from './flow';
import { carriesTcpPort, FlowEndKind as EndKind } from './flow';

/**
 * The parts of the network's flows, in the order the report lists them: from the clients inwards
 * (Application Load Balancers, Network Load Balancers), between the services, then out of the
 * network (endpoints, egress). Within a part, the capabilities write in the order of the capability list.
 */
export const FLOW_PARTS = ['applicationLoadBalancers', 'networkLoadBalancers', 'calls', 'endpoints', 'egress'] as const;
/** One part of the flows (`FLOW_PARTS`). */
export type FlowPart = typeof FLOW_PARTS[number];

/**
 * A flow a service's tasks need to start and run (image pull, logs, secrets): some flow of the
 * network must carry it, else synthesis fails with an error that names both ends and the fix.
 */
export interface FlowNeed {
  /** The service whose tasks need it. */
  readonly service: string;
  /** What the flow reaches, as the error names it: `ecr.dkr`, `S3 (image layers)`, `the internet (docker.io)`. */
  readonly destination: string;
  /** Why the tasks need it: `to pull its image`. */
  readonly why: string;
  /** The TCP port. */
  readonly port: number;
  /** The destinations of the flows that carry it (any one will do); without a name, any end of that kind. */
  readonly carriedTo: { readonly kind: FlowEndKind; readonly name?: string }[];
  /** How to open a path, for the error. */
  readonly fix: string;
}

/**
 * The flows of one network, written by its capabilities (`Capability.writeFlows`) once every service
 * is added, and what the services' tasks need. Read by the report, the plaintext check and
 * `unmetNeeds`.
 */
export class NetworkFlows {
  private readonly parts = new Map<FlowPart, Flow[]>(FLOW_PARTS.map(p => [p, []]));
  private readonly needed: FlowNeed[] = [];

  /** Adds flows to a part. */
  public add(part: FlowPart, ...flows: Flow[]): void {
    this.parts.get(part)!.push(...flows);
  }

  /**
   * Rewrites the flows of a part that a later capability narrows (egress by domain narrows the
   * tasks' internet egress to the allowed domains).
   */
  public narrow(part: FlowPart, narrowing: (flow: Flow) => Flow): void {
    this.parts.set(part, this.parts.get(part)!.map(narrowing));
  }

  /** Records flows the tasks of a service need. */
  public need(...needs: FlowNeed[]): void {
    this.needed.push(...needs);
  }

  /** Every flow, by part in the order of `FLOW_PARTS`. */
  public get all(): Flow[] {
    return FLOW_PARTS.flatMap(p => this.parts.get(p)!);
  }

  /** What the tasks need. */
  public get needs(): readonly FlowNeed[] {
    return this.needed;
  }

  /** Whether some flow from the service's tasks (or from every task) carries the need. */
  public carries(need: FlowNeed): boolean {
    return this.all.some(f => fromService(f.source, need.service)
      && need.carriedTo.some(to => f.destination.kind === to.kind && (to.name === undefined || f.destination.name === to.name))
      && carriesTcpPort(f.traffic, need.port));
  }
}

function fromService(source: FlowEnd, service: string): boolean {
  return source.kind === EndKind.ALL_TASKS || (source.kind === EndKind.SERVICE && source.name === service);
}
