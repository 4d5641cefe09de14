/** Customer segmentation: RFM, lifecycle stages, value tiers, clustering and customer lifetime value. */
package dev.o2o.segmentation;
