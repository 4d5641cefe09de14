/**
 * Implementation helpers shared by o2o's packages. Not API: anything here may change or
 * disappear in any release.
 */
package dev.o2o.core.internal;
