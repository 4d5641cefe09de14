/** k-means++ clustering of customers over standardized features, with silhouette and elbow reports. */
package dev.o2o.segmentation.cluster;
