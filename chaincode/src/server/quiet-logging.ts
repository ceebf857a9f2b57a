/**
 * Preloaded into each chaincode server (`node --require …/dist/server/quiet-logging.js`, see
 * scripts/lib/chaincode.sh): fabric-shim's winston loggers drop a message below their level only
 * after formatting it (timestamp, metadata, colours, padding, printf all run, then the console
 * transport discards it), and the shim logs a dozen debug lines per chaincode-to-peer request.
 * Profiled at 32 workers that formatting was a quarter of a chaincode server's CPU per
 * prescription. Here each level method of every winston logger skips a message its logger would
 * not write anyway; what is written (warnings, errors, info if CORE_CHAINCODE_LOGGING_LEVEL asks)
 * is written exactly as before. Not part of the contracts: nothing in chaincode/src imports it.
 */
import winston from 'winston';

type LevelMethod = (this: winston.Logger, ...args: unknown[]) => winston.Logger;

const createLogger = winston.createLogger;
winston.createLogger = function quietCreateLogger(options?: winston.LoggerOptions): winston.Logger {
  const logger = createLogger(options);
  const methods = logger as unknown as Record<string, LevelMethod>;
  for (const level of Object.keys(logger.levels)) {
    const write = methods[level];
    if (typeof write !== 'function') continue;
    methods[level] = function (this: winston.Logger, ...args: unknown[]) {
      const self = this ?? logger;
      return self.isLevelEnabled(level) ? write.apply(self, args) : self;
    };
  }
  return logger;
};
