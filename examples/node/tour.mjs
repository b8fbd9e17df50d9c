// A short dxsim tour with the AWS SDK for JavaScript v3: a LAG, its LOA, a
// virtual interface with its BGP peer, and an error as the SDK throws it.
//
//   DXSIM_ENDPOINT=http://127.0.0.1:4599 node examples/node/tour.mjs
import assert from "node:assert/strict";
import {
  DirectConnectClient,
  CreateLagCommand,
  DescribeLoaCommand,
  CreateDirectConnectGatewayCommand,
  CreatePrivateVirtualInterfaceCommand,
  DescribeVirtualInterfacesCommand,
  CreateConnectionCommand,
  DirectConnectClientException,
} from "@aws-sdk/client-direct-connect";

const dc = new DirectConnectClient({
  endpoint: process.env.DXSIM_ENDPOINT ?? "http://127.0.0.1:4599",
  region: "us-east-1",
  credentials: { accessKeyId: "111122223333", secretAccessKey: "anything" }, // 12 digits: the account ID
});

const lag = await dc.send(new CreateLagCommand({
  location: "EqDC2", connectionsBandwidth: "10Gbps", numberOfConnections: 2, lagName: "js-core",
}));
console.log("LAG", lag.lagId, lag.lagState, "members", lag.connections.map((c) => c.connectionId));
assert.equal(lag.connections.length, 2);

const loa = await dc.send(new DescribeLoaCommand({ connectionId: lag.lagId }));
assert.equal(Buffer.from(loa.loaContent).subarray(0, 5).toString(), "%PDF-");
console.log("LOA", loa.loaContent.length, "bytes of", loa.loaContentType);

const gw = await dc.send(new CreateDirectConnectGatewayCommand({ directConnectGatewayName: "js-gw" }));
const vif = await dc.send(new CreatePrivateVirtualInterfaceCommand({
  connectionId: lag.lagId,
  newPrivateVirtualInterface: {
    virtualInterfaceName: "js-vif", vlan: 200, asn: 65000,
    directConnectGatewayId: gw.directConnectGateway.directConnectGatewayId,
  },
}));
const vifs = await dc.send(new DescribeVirtualInterfacesCommand({ virtualInterfaceId: vif.virtualInterfaceId }));
const peer = vifs.virtualInterfaces[0].bgpPeers[0];
console.log("VIF", vif.virtualInterfaceId, vifs.virtualInterfaces[0].virtualInterfaceState, "BGP peer", peer.bgpPeerId, peer.bgpStatus);
assert.ok(peer.bgpPeerId.startsWith("dxpeer-"));

try {
  await dc.send(new CreateConnectionCommand({ location: "EqDC2", bandwidth: "7Gbps", connectionName: "odd" }));
  assert.fail("a 7Gbps connection was accepted");
} catch (e) {
  assert.ok(e instanceof DirectConnectClientException, `got ${e.name}: ${e.message}`);
  assert.equal(e.$metadata.httpStatusCode, 400);
  console.log("refused:", e.name, "-", e.message);
}
console.log("JavaScript SDK v3 example: ok");
