import { Stack, Token } from 'aws-cdk-lib';
import type { NetworkEndpoints } from './endpoints';
import { endpointsNeeded } from './service-endpoints';
import { AddressFamily, FlowCarrier, FlowEncryption, FlowEndKind, tcp } from '../flows/flow';
import type { FlowNeed, NetworkFlows } from '../flows/network-flows';
import type { ReportRows } from '../report/report-rows';
import { ReachabilityKind } from '../report/report-types';
import type { NetworkService } from '../services/network-service';

/** An image in Amazon ECR, with its region. */
const ECR_IMAGE = /^\d{12}\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\//;

/**
 * The tasks' flows to the VPC endpoints (HTTPS, from every task: they all carry the endpoints'
 * clients group), and what each service's tasks need to start: its images, its logs, its secrets.
 */
export function writeEndpointFlows(flows: NetworkFlows, endpoints: NetworkEndpoints, services: NetworkService[]): void {
  const allTasks = { kind: FlowEndKind.ALL_TASKS, name: 'all tasks' };
  const to = (name: string, detail: string) => ({
    kind: ReachabilityKind.ENDPOINT,
    source: allTasks,
    destination: { kind: FlowEndKind.ENDPOINT, name },
    traffic: [tcp(443)],
    family: AddressFamily.IPV4,
    encryption: FlowEncryption.TLS,
    carrier: FlowCarrier.VPC_ENDPOINT,
    detail,
  });
  flows.add('endpoints',
    ...(endpoints.s3Gateway ? [to('s3 (gateway)', `route table entry, free; ${endpoints._policyDetail(true)}`)] : []),
    ...Object.keys(endpoints.endpoints).map(name => to(name, `interface endpoint, private DNS; ${endpoints._policyDetail(false)}`)));
  flows.need(...services.flatMap(taskNeeds));
}

/** The flows a service's tasks need to start: each image's registry, CloudWatch Logs, and the services of its secrets and ECS Exec. */
function taskNeeds(s: NetworkService): FlowNeed[] {
  const internet = { kind: FlowEndKind.INTERNET };
  const endpoint = (name: string) => [{ kind: FlowEndKind.ENDPOINT, name }, internet];
  const need = (destination: string, why: string, carriedTo: FlowNeed['carriedTo'], fix: string): FlowNeed =>
    ({ service: s.serviceName, destination, why, port: 443, carriedTo, fix });
  const fargate = 'give the network `endpoints.fargateEndpoints: true` (ecr.api, ecr.dkr and logs)';
  const region = Stack.of(s).region;
  const needs: FlowNeed[] = [];
  for (const image of [s.container.imageName, ...s.sidecars.map(c => c.imageName)]) {
    const ecr = ECR_IMAGE.exec(image);
    // an unresolved name is a repository or an asset of the stack: ECR of its region
    const local = Token.isUnresolved(image) || (ecr !== null && (Token.isUnresolved(region) || ecr[1] === region));
    if (!local) {
      needs.push(need(`the internet (${image.split('/')[0]})`, 'to pull its image', [internet],
        'push the image to Amazon ECR in the stack\'s region, whose endpoints carry the pull'));
      continue;
    }
    needs.push(
      need('ecr.api', 'to pull its image', endpoint('ecr.api'), fargate),
      need('ecr.dkr', 'to pull its image', endpoint('ecr.dkr'), fargate),
      need('S3', 'image layers', [internet, { kind: FlowEndKind.AWS_SERVICES }, { kind: FlowEndKind.PREFIX_LIST }],
        'add `egressTo: [{ prefixListId: <the S3 prefix list of the region>, port: 443 }]`: ECR serves image layers from S3, through the gateway endpoint'),
    );
  }
  needs.push(need('logs', 'to ship its logs', endpoint('logs'), fargate));
  const options = s._plan.options;
  const secrets = Object.assign({}, options.secrets, ...options.sidecars.map(c => c.secrets ?? {}));
  for (const n of endpointsNeeded({ secrets, enableExecuteCommand: options.enableExecuteCommand })) {
    needs.push(need(n.service.shortName, `for its ${n.why}`, endpoint(n.service.shortName),
      `turn \`endpoints.serviceEndpoints\` on, or list \`${n.service.shortName}\` in \`endpoints.additionalServices\``));
  }
  // the same destination needed by two images once
  return needs.filter((n, i) => needs.findIndex(m => m.destination === n.destination) === i);
}

/** The VPC endpoints in the report: the subnets they sit in, and what the cost estimate counts (their flows are above). */
export function endpointsReportRows(endpoints: NetworkEndpoints): ReportRows {
  const interfaceEndpoints = Object.keys(endpoints.endpoints);
  return {
    subnetUses: { tasks: interfaceEndpoints.length > 0 ? ['interface endpoints'] : [] },
    cost: { interfaceEndpoints },
  };
}
