package dev.doorstep.contract;

/** One local deployment for the whole suite (moto, the AfterShip sandbox, the credentials endpoint). */
final class Deployment {

    private static ContractDeployment shared;

    private Deployment() {
    }

    static synchronized ContractDeployment get() {
        if (shared == null) {
            shared = ContractDeployment.start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "contract-deployment-stop"));
        }
        return shared;
    }
}
