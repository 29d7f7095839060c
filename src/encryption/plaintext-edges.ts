import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { DiscoveryMode } from '../discovery/discovery';
import type { EcsAdvancedNetwork } from '../ecs-advanced-network';
import { forwardsToHttpsOf } from '../network-load-balancers/create-network-load-balancer';
import { invalidProp } from '../private/validation';
import { isHttpsTargetGroup } from '../routing/target-protocol';

/**
 * The plaintext edges of a network, as error messages that name each edge and what to do: for
 * `encryptionInTransit.required`.
 */
export function plaintextErrors(network: EcsAdvancedNetwork): string[] {
  const errors: string[] = [];
  for (const lb of network.loadBalancers) {
    if (lb.httpsListener) continue;
    const prop = lb.access === network.loadBalancers[0].access ? 'loadBalancer' : 'internalLoadBalancer';
    errors.push(invalidProp(`${prop}.certificate`, `is missing, so load balancer \`${lb.name}\` serves plain HTTP on port 80, which \`encryptionInTransit.required\` forbids`,
      undefined, `Give \`${prop}.certificate\` (or a public \`hostedZone\`): port 80 then only redirects to HTTPS.`).message);
  }
  for (const s of network.services) {
    const routes = [
      ...s.routes.map(r => ({ prop: `${s.serviceName}.routing`, targetGroup: r.targetGroup })),
      ...s.additionalPorts.flatMap((p, i) => (s._parts.portRoutes[p.name] ?? []).map(r => ({ prop: `${s.serviceName}.additionalPorts[${i}].routing`, targetGroup: r.targetGroup }))),
    ];
    for (const { prop } of routes.filter(r => !isHttpsTargetGroup(r.targetGroup))) {
      errors.push(invalidProp(`${prop}.protocol`, 'is HTTP: the load balancer sends plain HTTP to the tasks, which `encryptionInTransit.required` forbids', 'HTTP',
        'Serve TLS on the container port and set `protocol: elbv2.ApplicationProtocol.HTTPS` (the health check follows).').message);
    }
    if (s.discovery.mode === DiscoveryMode.SERVICE_CONNECT && !s.serviceConnectTls) {
      errors.push(invalidProp(`${s.serviceName}.serviceConnectTls`, 'is false: its Service Connect endpoint is plaintext, which `encryptionInTransit.required` forbids', false,
        'Remove `serviceConnectTls: false` (the network\'s default is TLS when `required` is on).').message);
    }
    s.networkListeners.forEach(l => {
      const i = s.networkListeners.indexOf(l);
      const summary = l.loadBalancer.listeners.find(x => x.port === l.port && x.target === s.serviceName)!;
      const prop = `${s.serviceName}.networkListeners[${i}]`;
      if (l.protocol !== elbv2.Protocol.TLS) {
        errors.push(invalidProp(`${prop}.protocol`, `is ${l.protocol}: listener ${l.port} of Network Load Balancer \`${l.loadBalancer.name}\` takes plaintext, which \`encryptionInTransit.required\` forbids`,
          l.protocol, 'Use `elbv2.Protocol.TLS` with a `certificate` (and `tlsToTargets: true`); UDP cannot be encrypted by the load balancer.').message);
      } else if (!summary.tlsToTarget) {
        errors.push(invalidProp(`${prop}.tlsToTargets`, `is false: listener ${l.port} of Network Load Balancer \`${l.loadBalancer.name}\` sends plain TCP to the tasks, which \`encryptionInTransit.required\` forbids`,
          false, 'Serve TLS on the container port and set `tlsToTargets: true`.').message);
      }
    });
  }
  const toHttps = forwardsToHttpsOf(network.loadBalancers);
  for (const nlb of network.networkLoadBalancers) {
    for (const l of nlb.listeners.filter(x => x.target.startsWith('application load balancer ') && !toHttps(x))) {
      errors.push(invalidProp(`networkLoadBalancers.${nlb.name}.forwardToApplicationLoadBalancer`, `forwards TCP ${l.port} to ${l.target}, which serves plain HTTP, ` +
        'which `encryptionInTransit.required` forbids', l.target, 'Give that load balancer a `certificate`: the forwarded ports then carry TLS or the redirect to it.').message);
    }
  }
  return errors;
}
