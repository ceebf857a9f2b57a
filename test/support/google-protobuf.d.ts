// google-protobuf ships no type declarations; the block builder needs the Timestamp class that
// fabric-protos' ChannelHeader.setTimestamp takes (and the decoder, compiled with the tests, reads it).
declare module 'google-protobuf/google/protobuf/timestamp_pb' {
  export class Timestamp {
    setSeconds(value: number): Timestamp;
    setNanos(value: number): Timestamp;
    getSeconds(): number;
    getNanos(): number;
  }
}
