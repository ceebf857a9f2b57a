// Pins the Fabric CA release. Kept apart from the Fabric pin so each builds with its own
// dependency versions.
module rxchain.local/fabric-ca-build

go 1.23.5

require github.com/hyperledger/fabric-ca v1.5.15
