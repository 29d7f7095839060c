import { Token } from 'aws-cdk-lib';
import type * as cloudmap from 'aws-cdk-lib/aws-servicediscovery';
import { DiscoveryMode } from './discovery';
import type { ReportRows } from '../report/report-rows';
import { ReachabilityKind } from '../report/report-types';
import type { NetworkService } from '../services/network-service';

/** The declared calls in the report: each caller to each port of its callee, with how it finds it. */
export function discoveryReportRows(services: NetworkService[], namespace: cloudmap.INamespace): ReportRows {
  const namespaceName = namespace.namespaceName;
  const calls = services.flatMap(caller => caller.callees.flatMap(callee => caller._calledPorts(callee).map(portName => {
    const named = callee.additionalPorts.find(p => p.name === portName);
    if (named) {
      const name = `${callee.discoveryName}-${named.name}`;
      return {
        kind: ReachabilityKind.CALL,
        source: caller.serviceName,
        destination: callee.serviceName,
        port: `TCP ${named.containerPort}`,
        detail: `Service Connect ${name}:${named.containerPort}${callee.serviceConnectTls ? ' (TLS)' : ''}`,
        encrypted: callee.serviceConnectTls,
      };
    }
    const detail = callee.discovery.mode === DiscoveryMode.SERVICE_CONNECT
      ? `Service Connect ${callee.discoveryName}:${callee.discovery._serviceConnect?.port ?? callee.containerPort}${callee.serviceConnectTls ? ' (TLS)' : ''}`
      : `Cloud Map DNS ${callee.discoveryName}.${Token.isUnresolved(namespaceName) ? '<namespace>' : namespaceName}`;
    return { kind: ReachabilityKind.CALL, source: caller.serviceName, destination: callee.serviceName, port: `TCP ${callee.containerPort}`, detail, encrypted: callee.serviceConnectTls };
  })));
  return { reachability: { calls } };
}
