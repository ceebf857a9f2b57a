/**
 * The chaincode servers' preload (chaincode/src/server/quiet-logging.ts): a winston logger skips
 * a message below its level before formatting it, and writes every other message as before,
 * following the level when it changes.
 */
import { expect } from 'chai';
import { Writable } from 'node:stream';
import winston from 'winston';
import '../../chaincode/src/server/quiet-logging';

function countingLogger(level: string): { logger: winston.Logger; formatted: string[]; written: string[] } {
  const formatted: string[] = [];
  const written: string[] = [];
  const logger = winston.createLogger({
    level,
    format: winston.format.printf((info) => {
      formatted.push(String(info.message));
      return String(info.message);
    }),
    transports: [new winston.transports.Stream({ stream: new Writable({ write: (chunk, _enc, done) => (written.push(String(chunk).trim()), done()) }) })],
  });
  return { logger, formatted, written };
}

describe('chaincode server logging', () => {
  it('formats nothing below the level and writes what the level lets through', () => {
    const { logger, formatted, written } = countingLogger('info');
    logger.debug('hidden');
    logger.info('shown');
    logger.warn('warned');
    logger.error('failed');
    expect(formatted).to.deep.equal(['shown', 'warned', 'failed']);
    expect(written).to.deep.equal(['shown', 'warned', 'failed']);
  });

  it('follows the level when it is changed later (fabric-shim sets it per logger)', () => {
    const { logger, written } = countingLogger('warn');
    logger.info('hidden');
    logger.level = 'debug';
    logger.debug('now shown');
    expect(written).to.deep.equal(['now shown']);
  });
});
