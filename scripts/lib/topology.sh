# The local network's shape: organisations, nodes and ports. Sourced, never run.
# RXCHAIN_PORT_OFFSET shifts every port, so the test suite can run its own network beside a
# running demo network.
OFFSET="${RXCHAIN_PORT_OFFSET:-0}"
CHANNEL=rxchannel
CC_NAME=rxchain

# Peer orgs: key MSP-id CA-port peer-port chaincode-server-port operations-port
PEER_ORGS=(hospital pharmacy insurersh insurerbj regulator)
declare -A MSP_ID=([orderer]=OrdererMSP [hospital]=HospitalMSP [pharmacy]=PharmacyMSP [insurersh]=InsurerSHMSP [insurerbj]=InsurerBJMSP [regulator]=RegulatorMSP)
declare -A CA_PORT=([orderer]=7054 [hospital]=7154 [pharmacy]=7254 [insurersh]=7354 [insurerbj]=7454 [regulator]=7554)
declare -A PEER_PORT=([hospital]=7051 [pharmacy]=8051 [insurersh]=9051 [insurerbj]=10051 [regulator]=11051)
declare -A CC_PORT=([hospital]=9991 [pharmacy]=9992 [insurersh]=9993 [insurerbj]=9994 [regulator]=9995)
declare -A PEER_OPS_PORT=([hospital]=9444 [pharmacy]=9445 [insurersh]=9446 [insurerbj]=9447 [regulator]=9448)

# Who each org is, in the subject of its CA's certificate (and so in the issuer of every
# certificate that CA signs) and in the subject of every identity it enrols: C=CN, ST and L
# its region, O its name; OU says what kind of org it is, on the CA certificate only (fabric-ca
# writes an enrolled identity's type into its OU). The regulator, and the ordering service
# run for the whole network, are national bodies seated in Beijing.
declare -A ORG_NAME=([orderer]="rxchain Ordering Service" [hospital]="rxchain Shanghai Hospital"
  [pharmacy]="rxchain Shanghai Pharmacy" [insurersh]="rxchain Shanghai Medical Insurance"
  [insurerbj]="rxchain Beijing Medical Insurance" [regulator]="rxchain National Medical Insurance Regulator")
declare -A ORG_KIND=([orderer]="Ordering Service" [hospital]=Hospital [pharmacy]=Pharmacy [insurersh]=Insurer [insurerbj]=Insurer [regulator]=Regulator)
declare -A ORG_REGION=([orderer]=Beijing [hospital]=Shanghai [pharmacy]=Shanghai [insurersh]=Shanghai [insurerbj]=Beijing [regulator]=Beijing)

ORDERERS=(orderer1 orderer2 orderer3)
declare -A ORDERER_PORT=([orderer1]=7050 [orderer2]=7150 [orderer3]=7250)
declare -A ORDERER_ADMIN_PORT=([orderer1]=7053 [orderer2]=7153 [orderer3]=7253)
declare -A ORDERER_OPS_PORT=([orderer1]=8443 [orderer2]=8543 [orderer3]=8643)

GATEWAY_PORT_BASE=3000

port() { echo $(($1 + OFFSET)); }

# Where each org's generated material lives.
org_dir() { echo "$RUN_DIR/orgs/$1"; }
peer_name() { echo "peer0.$1.rxchain.local"; }
# An org's names as fabric-ca-client's --csr.names takes them.
csr_names() { echo "C=CN,ST=${ORG_REGION[$1]},L=${ORG_REGION[$1]},O=${ORG_NAME[$1]}"; }
