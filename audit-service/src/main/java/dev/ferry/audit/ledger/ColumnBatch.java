package dev.ferry.audit.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows to insert, held column by column, bound as one array per column to an {@code INSERT ... SELECT FROM
 * unnest(...)} statement: a whole batch in one statement and one round trip, whatever its size.
 */
final class ColumnBatch {

    /** A column and the PostgreSQL element type its array is created with. */
    private record Column(String elementType, List<Object> values) {
    }

    private final List<Column> columns = new ArrayList<>();

    /** Adds a column; values are appended row by row with {@link #add}. Returns the column's index. */
    int column(String elementType) {
        columns.add(new Column(elementType, new ArrayList<>()));
        return columns.size() - 1;
    }

    void add(int column, Object value) {
        columns.get(column).values().add(value);
    }

    int rows() {
        return columns.isEmpty() ? 0 : columns.get(0).values().size();
    }

    /** Binds the columns, in order, to the statement's parameters starting at {@code firstParameter}. */
    void bind(Connection connection, PreparedStatement statement, int firstParameter) throws SQLException {
        int rows = rows();
        int parameter = firstParameter;
        for (Column column : columns) {
            if (column.values().size() != rows) {
                throw new IllegalStateException("columns of unequal length");
            }
            statement.setArray(parameter++, connection.createArrayOf(column.elementType(), column.values().toArray()));
        }
    }
}
