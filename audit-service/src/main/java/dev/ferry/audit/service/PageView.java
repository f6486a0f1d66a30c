package dev.ferry.audit.service;

import java.util.List;

/**
 * One page of a list.
 *
 * @param items the page's items
 * @param page the 0-based page number
 * @param size the page size asked for
 * @param total items in the whole list
 * @param <T> the item type
 */
public record PageView<T>(List<T> items, int page, int size, long total) {
}
