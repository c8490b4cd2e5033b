package io.sightline.api.datasource;

/** A data source's driver module is not installed (now): ops can install it. */
public class DriverUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final String driverId;

    public DriverUnavailableException(String driverId) {
        super("No driver module for '" + driverId + "' is installed. Ask ops to install sightline-driver-" + driverId + ".");
        this.driverId = driverId;
    }

    public String driverId() {
        return driverId;
    }
}
