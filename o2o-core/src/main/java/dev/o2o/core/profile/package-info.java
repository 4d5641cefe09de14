/**
 * Customer profiles (the 360 view) built incrementally and mergeably from touchpoints and
 * orders, and tags derived from them by {@link dev.o2o.core.profile.TagRule}s.
 */
package dev.o2o.core.profile;
