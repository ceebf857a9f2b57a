// Pins the Fabric release the network runs. Holds no code: scripts/install-fabric.sh builds
// Fabric's commands from this module graph, so go.sum verifies every downloaded module.
module rxchain.local/fabric-build

go 1.22

require github.com/hyperledger/fabric v0.0.0-20240618194258-7c3876255bf0
