import { EcsAdvancedNetwork } from '../src';

/** A short, human summary of what a synthesized network contains. */
export function describeNetwork(network: EcsAdvancedNetwork, template: any, outdir: string): string {
  const resources: { [id: string]: { Type: string; Properties?: any } } = template.Resources ?? {};
  const count = (type: string) => Object.values(resources).filter(r => r.Type === type).length;
  const lines: string[] = [];
  lines.push(`Synthesized ${Object.keys(resources).length} resources into ${outdir}/`);
  lines.push('');
  lines.push('Network');
  lines.push(`  VPC over ${network.vpc.availabilityZones.length} Availability Zones, egress: ${network.egress?.description ?? 'imported VPC'}`);
  lines.push(`  subnets: ${count('AWS::EC2::Subnet')}, NAT gateways: ${count('AWS::EC2::NatGateway')}, flow log: ${network.flowLog ? 'on' : 'off'}`);
  const endpoints = Object.keys(network.endpoints.endpoints);
  lines.push(`  endpoints: ${[network.endpoints.s3Gateway ? 's3 (gateway)' : undefined, ...endpoints].filter(Boolean).join(', ') || 'none'}`);
  lines.push('');
  lines.push(`Load balancer: ${network.loadBalancer ? (network.httpsListener ? 'HTTPS with HTTP redirect' : 'HTTP') : 'none'}`);
  for (const s of network.services.filter(x => x.routing)) {
    const where = [...(s.routing!.hostHeaders ?? []), ...(s.routing!.pathPatterns ?? [])].join(' ');
    lines.push(`  ${where.padEnd(24)} -> ${s.serviceName}:${s.containerPort} ${s.priority ? `(rule priority ${s.priority})` : '(default action)'}`);
  }
  lines.push('');
  lines.push('Services');
  for (const s of network.services) {
    const calls = s.callees.map(c => `${c.discoveryName}:${c.containerPort}`).join(', ');
    lines.push(`  ${s.serviceName.padEnd(10)} port ${String(s.containerPort ?? '-').padEnd(5)} discovery ${s.discovery.mode.padEnd(14)} calls ${calls || '-'}`);
  }
  lines.push('');
  return lines.join('\n') + '\n';
}
