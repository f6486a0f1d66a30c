package dev.ferry.audit.ledger;

import org.jboss.logging.Logger;

/** Log lines about single messages: where they sat, never what they held. */
final class InboundPositionLog {

    private InboundPositionLog() {
    }

    static void refused(Logger log, InboundPosition p, String sqlState) {
        log.warnf("the audit ledger refused the message at %s-%d@%d (SQLSTATE %s); recorded as poison", p.topic(),
                p.partition(), p.offset(), sqlState);
    }
}
